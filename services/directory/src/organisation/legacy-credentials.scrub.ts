import type { EventStore } from '#libs/event-store';

const FIELD = 'data.firstUser.passwordHash';

/**
 * Before credentials stayed in identity, an accepted invitation's OrganisationRegistered held the
 * first user's password hash. Events are otherwise never rewritten; a secret is the exception:
 * at boot it is removed from the stored events (and any outbox entry still holding one), so it
 * does not live for ever here. Nothing reads it any more (the mapper names its fields one by one).
 * Returns how many events had one; after the first boot, none.
 */
export async function scrubLegacyCredentials(store: EventStore): Promise<number> {
  const events = await store.collection.updateMany({ type: 'OrganisationRegistered', [FIELD]: { $exists: true } }, { $unset: { [FIELD]: '' } });
  await store.outbox.updateMany({ 'event.type': 'OrganisationRegistered', [`event.${FIELD}`]: { $exists: true } }, { $unset: { [`event.${FIELD}`]: '' } });
  return events;
}
