import { fold, type StoredEvent, type StoredOf } from '#libs/event-store';
import type { DirectoryEntry } from '../search/index.js';
import { organisationDecider, type Organisation } from '../organisation/organisation.decider.js';
import { organisationStream, type OrganisationEvent, type RegisteredOrganisation } from '../organisation/organisation.events.js';

/** One search entry per recipient account of an organisation as registered. */
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

/** What search holds of one organisation: an entry per active account, and the accounts it must not hold. */
export interface SearchChange {
  entries: DirectoryEntry[];
  /** Deactivated accounts, or every account of an organisation waiting for approval. */
  removed: string[];
}

/** An organisation as search shows it now: its active accounts once approved; nothing while it waits. */
export function searchChangeOf(o: Organisation): SearchChange {
  const shown = o.accounts.filter((a) => o.approved && a.active);
  return {
    entries: shown.map((a) => ({
      recipientId: a.recipientId,
      organisationId: o.organisationId,
      organisationName: o.name,
      department: a.department,
      country: o.country,
      kind: o.kind,
      aliases: o.aliases,
      website: o.website,
    })),
    removed: o.accounts.filter((a) => !shown.includes(a)).map((a) => a.recipientId),
  };
}

/** The organisation events among `events` (those of other aggregates left out), by stream, in version order. */
export function organisationEventsByStream(events: readonly StoredEvent[]): Map<string, StoredOf<OrganisationEvent>[]> {
  const byStream = new Map<string, StoredOf<OrganisationEvent>[]>();
  for (const e of events) {
    if (!organisationStream.owns(e)) continue;
    byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  }
  for (const list of byStream.values()) list.sort((a, b) => a.version - b.version);
  return byStream;
}

/** Folds a stream's events (in version order) into the organisation; null when it was never registered. */
export function organisationOf(events: readonly StoredOf<OrganisationEvent>[]): Organisation | null {
  const state = fold(events, organisationDecider.evolve, organisationDecider.initialState);
  return state.status === 'registered' ? state.organisation : null;
}
