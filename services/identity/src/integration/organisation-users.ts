import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationEnvelope, OrganisationRegisteredV1 } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { isArgon2idHash } from '../security/passwords.js';
import { userAccountDecider } from '../user-account/user-account.decider.js';
import { userStreamId } from '../user-account/user-account.events.js';

/**
 * Makes an organisation's users from OrganisationRegistered: its e-mail (no password yet: they
 * set one through the reset link) and, after an accepted invitation, the first user with the
 * password they chose. Idempotent: the decider never resets a password already set.
 */
@Injectable()
export class OrganisationUsers {
  private readonly logger = new Logger('OrganisationUsers');

  constructor(private readonly store: EventStore) {}

  async onRegistered(event: IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>): Promise<void> {
    const { organisationId, email, firstUser } = event.data;
    const users: { email: string; name: string | null; passwordHash: string | null }[] = [];
    // The first user goes first, so the organisation's own address, when it is the same, keeps their password.
    if (firstUser) {
      const passwordHash = isArgon2idHash(firstUser.passwordHash) ? firstUser.passwordHash : null;
      if (!passwordHash) this.logger.warn(`organisation ${organisationId}: first user's password hash is not argon2id; ignored`);
      users.push({ email: firstUser.email, name: firstUser.contactName, passwordHash });
    }
    if (email) users.push({ email, name: null, passwordHash: null });
    for (const user of users) {
      const address = user.email.trim().toLowerCase();
      try {
        await runDecider(
          this.store,
          userStreamId(address),
          userAccountDecider,
          { type: 'AddOrganisationUser', data: { userId: randomUUID(), email: address, organisationId, name: user.name, passwordHash: user.passwordHash } },
          { correlationId: event.correlationId, causationId: event.eventId, actor: 'identity' },
        );
      } catch (error) {
        // An address already used by another organisation or the operator: retrying cannot help.
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`organisation ${organisationId}: no user for ${address}: ${error.message}`);
      }
    }
  }
}
