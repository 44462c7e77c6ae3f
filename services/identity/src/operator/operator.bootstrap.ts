import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConcurrencyError, EventStore, fold, runDecider, StreamBusyError } from '#libs/event-store';
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
    // model above may not have it yet): each attempt reads the stream itself, and a lost race is
    // read again, so the same password never becomes a "changed" one that ends sessions.
    for (let attempt = 1; ; attempt++) {
      const state = fold(await this.store.readStream(userStreamId(email)), userAccountDecider.evolve, userAccountDecider.initialState);
      if (state.status === 'operator' && (await verifyPassword(state.passwordHash, adminPassword))) return;
      try {
        await this.ensure(email, adminPassword);
        return;
      } catch (error) {
        // Busy: another instance is mid-append on this stream; read it again, it will have finished.
        if (!(error instanceof ConcurrencyError || error instanceof StreamBusyError) || attempt >= 5) throw error;
      }
    }
  }

  private async ensure(email: string, adminPassword: string): Promise<void> {
    const decision = await runDecider(
      this.store,
      userStreamId(email),
      userAccountDecider,
      { type: 'EnsureOperator', data: { userId: randomUUID(), email, passwordHash: await hashPassword(adminPassword) } },
      { correlationId: randomUUID(), causationId: null, actor: 'identity' },
      1,
    );
    if (decision.previous.status === 'none') {
      this.logger.log(`operator ${email} created`);
    } else if (decision.appended.length > 0) {
      // A changed ADMIN_PASSWORD is a rotated credential: sessions begun with the old one end.
      await this.refreshTokens.revokeAccount(userStreamId(email));
      this.logger.log(`operator ${email}: password updated, sessions ended`);
    }
  }
}
