import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { PendingDeliveries } from '../lifecycle/pending-deliveries.js';
import { reactionTo } from '../lifecycle/share-commands.js';
import { InvitationsProjection, type InvitationEvent } from '../projections/invitations.projection.js';

const INVITATION_EVENTS: ReadonlySet<string> = new Set<InvitationEvent['type']>(['InstitutionInvited', 'InvitationAccepted']);

/** The events of the topic sharing keeps, in the topic's order. */
export const invitationEventsOf = (events: readonly KnownEnvelope[]): InvitationEvent[] =>
  events.filter((e) => INVITATION_EVENTS.has(e.type)) as unknown as InvitationEvent[];

/**
 * Takes the directory's invitation events (`directory.invitation.v1`) a batch at a time: sharing's
 * copy of the invitations (what a share to an invited organisation waits for, until when); on
 * InvitationAccepted the shares that waited are delivered, once the organisation's account has
 * reached sharing and is approved (else the organisations consumer delivers them when it is).
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class InvitationEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly invitations: InvitationsProjection,
    private readonly deliveries: PendingDeliveries,
  ) {}

  @EventPattern(Topics.invitations)
  onInvitations(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.invitations, batch, async (events) => {
      const mine = invitationEventsOf(events);
      await this.invitations.applyBatch(mine);
      for (const accepted of mine) {
        if (accepted.type === 'InvitationAccepted') await this.deliveries.onAccepted([accepted.data.recipientId], reactionTo(accepted));
      }
    });
  }
}
