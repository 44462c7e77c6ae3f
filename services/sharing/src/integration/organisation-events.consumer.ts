import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { PendingDeliveries } from '../lifecycle/pending-deliveries.js';
import { reactionTo } from '../lifecycle/share-commands.js';
import { RecipientsProjection, type OrganisationEvent } from '../projections/recipients.projection.js';

const ORGANISATION_EVENTS: ReadonlySet<string> = new Set<OrganisationEvent['type']>(['OrganisationRegistered', 'OrganisationUpdated', 'RecipientAccountUpdated']);

/** The events of the topic sharing keeps, in the topic's order. */
export const organisationEventsOf = (events: readonly KnownEnvelope[]): OrganisationEvent[] =>
  events.filter((e) => ORGANISATION_EVENTS.has(e.type)) as unknown as OrganisationEvent[];

/**
 * Takes the directory's organisation events (`directory.organisation.v1`) a batch at a time:
 * OrganisationRegistered, OrganisationUpdated and RecipientAccountUpdated keep sharing's copy of the
 * recipient accounts; then the shares waiting for an invited organisation that can now receive
 * them (joined, approved) are delivered.
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class OrganisationEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly recipients: RecipientsProjection,
    private readonly deliveries: PendingDeliveries,
  ) {}

  @EventPattern(Topics.organisations)
  onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.organisations, batch, async (events) => {
      const mine = organisationEventsOf(events);
      const organisations = await this.recipients.applyBatch(mine);
      if (organisations.length > 0) await this.deliveries.onOrganisations(organisations, reactionTo(mine.at(-1)!));
    });
  }
}
