import type { StoredEvent } from '#libs/event-store';
import type { DirectoryEntry } from '../search/index.js';
import { organisationStream, type RegisteredOrganisation } from '../organisation/organisation.events.js';

/** One search entry per recipient account of an organisation. */
export const entriesOfOrganisation = (o: RegisteredOrganisation): DirectoryEntry[] =>
  o.recipients.map((r) => ({
    recipientId: r.recipientId,
    organisationId: o.organisationId,
    organisationName: o.name,
    department: r.department,
    country: o.country,
    kind: o.kind,
    aliases: o.aliases,
    website: o.website,
  }));

/** The search entries an event sets (none for events of other aggregates). */
export function entriesOf(event: StoredEvent): DirectoryEntry[] {
  if (!organisationStream.owns(event)) return [];
  const e = event;
  switch (e.type) {
    case 'OrganisationRegistered':
      return entriesOfOrganisation(e.data);
    default: {
      const unknown: never = e.type;
      throw new Error(`unknown organisation event ${String(unknown)}`);
    }
  }
}
