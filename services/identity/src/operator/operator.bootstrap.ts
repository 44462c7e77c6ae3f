import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, EventStore, fold } from '#libs/event-store';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { Accounts } from '../security/accounts.js';
import { hashPassword, verifyPassword } from '../security/passwords.js';
import { RefreshTokens } from '../security/refresh-tokens.js';
import { userAccountDecider } from '../user-account/user-account.decider.js';
import { userStreamId } from '../user-account/user-account.events.js';

/** The operator account from ADMIN_EMAIL / ADMIN_PASSWORD: created if absent, its password kept in step. */
@Injectable()
export class OperatorBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Operator');

  constructor(
    private readonly store: EventStore,
    private readonly accounts: Accounts,
    private readonly refreshTokens: RefreshTokens,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.options;
    if (!adminEmail || !adminPassword) return;
    const email = adminEmail.trim().toLowerCase();
    const existing = await this.accounts.byKey({ email });
    // A fresh hash differs from the stored one even for the same password: compare by verifying.
    if (existing?.passwordHash && existing.roles.includes('operator') && (await verifyPassword(existing.passwordHash, adminPassword))) return;
    // Several instances may boot at once, or beside one that has just added the operator (the read
    // model above may not have it yet). Each attempt decides on the stream as it read it and appends
    // at that version only: a lost race is read again, where the same password, verified (a fresh
    // hash differs from the stored one), is no "change" that would end sessions. (Hashing between a
    // read and runDecider's own read let the other instance's OperatorAdded slip in between.)
    const passwordHash = await hashPassword(adminPassword);
    const streamId = userStreamId(email);
    for (let attempt = 1; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const state = fold(history, userAccountDecider.evolve, userAccountDecider.initialState);
      if (state.status === 'operator' && (await verifyPassword(state.passwordHash, adminPassword))) return;
      const events = userAccountDecider.decide({ type: 'EnsureOperator', data: { userId: randomUUID(), email, passwordHash } }, state);
      try {
        await this.store.append(streamId, history.length, events, { correlationId: randomUUID(), causationId: null, actor: 'identity' });
      } catch (error) {
        // Another instance appended first (or is mid-append): read the stream again.
        if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
        await sleep(50 * attempt);
        continue;
      }
      if (state.status === 'none') {
        this.logger.log(`operator ${email} created`);
      } else {
        // A changed ADMIN_PASSWORD is a rotated credential: sessions begun with the old one end.
        await this.refreshTokens.revokeAccount(streamId);
        this.logger.log(`operator ${email}: password updated, sessions ended`);
      }
      return;
    }
  }
}
