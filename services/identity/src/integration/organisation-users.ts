import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationEnvelope, OrganisationRegisteredV1 } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { userAccountDecider } from '../user-account/user-account.decider.js';
import { userStreamId } from '../user-account/user-account.events.js';

/**
 * The fallback for an organisation's users: the directory creates them through identity's internal
 * route before it appends the organisation (add-organisation-user), so here they normally exist
 * already and nothing changes. An organisation whose user is missing (registered before that
 * route existed) gets a password-less user, who sets a password through the reset link. The event
 * carries no credential: a password is only ever set inside identity.
 */
@Injectable()
export class OrganisationUsers {
  private readonly logger = new Logger('OrganisationUsers');

  constructor(private readonly store: EventStore) {}

  async onRegistered(event: IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>): Promise<void> {
    const { organisationId, email, firstUser } = event.data;
    const users: { email: string; name: string | null }[] = [];
    if (firstUser) users.push({ email: firstUser.email, name: firstUser.contactName });
    if (email) users.push({ email, name: null });
    for (const user of users) {
      const address = user.email.trim().toLowerCase();
      try {
        await runDecider(
          this.store,
          userStreamId(address),
          userAccountDecider,
          { type: 'AddOrganisationUser', data: { userId: randomUUID(), email: address, organisationId, name: user.name, passwordHash: null } },
          { correlationId: event.correlationId, causationId: event.eventId, actor: 'identity' },
        );
      } catch (error) {
        // Only an organisation appended before the directory asked identity first can get here.
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`organisation ${organisationId}: no user for ${address}: ${error.message}`);
      }
    }
  }
}
