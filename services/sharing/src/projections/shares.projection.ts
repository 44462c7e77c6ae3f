import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventStore, type StoredEvent, type StoredOf } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersioned, applyVersionedBatch, rebuildProjection, type Evolve, type Projection } from '#libs/projections';
import type { ResultDetails } from '#libs/contracts';
import { invitedRecipientIdOf, shareStream, type ShareEvent } from '../share/share.events.js';
import { nameKeyOf, SHARES_VIEW, sortKeyOf, timelineOf, type ShareView } from './shares.read-model.js';

type Timeline = ShareView['timeline'];
type Fields = Omit<ShareView, '_id' | '_version'>;

/** What a document written before issue 12 lacks, told from what it has. */
const carried = (doc: ShareView | null) => ({
  timeline: doc ? timelineOf(doc) : ([] as Timeline),
  amendments: doc?.amendments ?? [],
  amendedAt: doc?.amendedAt ?? null,
  deliveredAt: doc?.deliveredAt ?? null,
  invitationId: doc?.invitationId ?? null,
});

const withoutIds = (doc: ShareView): Fields => {
  // A document written before issue 12 has no withdrawal fields.
  const { _id: _ignored, _version: _v, withdrawnAt = null, withdrawal = null, ...rest } = doc;
  return { ...rest, withdrawnAt, withdrawal, ...carried(doc) };
};

const resultFields = (result: ResultDetails & { verificationCode: string }) => {
  const { qualification, cefrLevel, ...rest } = result;
  return { qualification, cefrLevel, result: { ...rest, components: rest.components.map((c) => ({ skill: c.skill, score: c.score })) } };
};

export const evolveShareView: Evolve<ShareView, StoredOf<ShareEvent>> = (doc, e) => {
  switch (e.type) {
    case 'ResultShared': {
      const { shareId, resultId, candidateId, recipient, candidate, result, sharedAt } = e.data;
      const before = carried(doc);
      return {
        resultId,
        idNumber: candidate.idNumber,
        candidateId,
        organisationId: recipient.organisationId,
        recipientId: recipient.recipientId,
        recipient: {
          recipientId: recipient.recipientId,
          organisationName: recipient.organisationName,
          department: recipient.department,
          kind: recipient.kind,
        },
        candidate: { name: candidate.name, dateOfBirth: candidate.dateOfBirth },
        nameKey: nameKeyOf(candidate.name),
        ...resultFields(result),
        sharedAt,
        sortKey: sortKeyOf(sharedAt, shareId),
        status: 'unread',
        readAt: null,
        withdrawnAt: null,
        withdrawal: null,
        ...before,
        timeline: [...before.timeline, { event: 'sent', at: sharedAt }],
      };
    }
    case 'SharePending': {
      const { shareId, resultId, candidateId, invitationId, organisationName, candidate, result, requestedAt } = e.data;
      const recipientId = invitedRecipientIdOf(invitationId);
      const before = carried(doc);
      return {
        resultId,
        idNumber: candidate.idNumber,
        candidateId,
        organisationId: null,
        recipientId,
        recipient: { recipientId, organisationName, department: null, kind: null },
        candidate: { name: candidate.name, dateOfBirth: candidate.dateOfBirth },
        nameKey: nameKeyOf(candidate.name),
        ...resultFields(result),
        sharedAt: requestedAt,
        sortKey: sortKeyOf(requestedAt, shareId),
        status: 'pending',
        readAt: null,
        withdrawnAt: null,
        withdrawal: null,
        ...before,
        invitationId,
      };
    }
    case 'ResultRead': {
      if (!doc) return null;
      const rest = withoutIds(doc);
      return { ...rest, status: 'read', readAt: e.data.readAt, timeline: [...rest.timeline, { event: 'read', at: e.data.readAt }] };
    }
    case 'ShareLapsed': {
      if (!doc) return null;
      const rest = withoutIds(doc);
      return { ...rest, status: 'lapsed', timeline: [...rest.timeline, { event: 'lapsed', at: e.data.lapsedAt }] };
    }
    case 'ShareWithdrawn': {
      if (!doc) return null;
      const rest = withoutIds(doc);
      const { withdrawnAt, by, reason } = e.data;
      return {
        ...rest,
        status: 'withdrawn',
        // Not found by name any more: its details are no longer the organisation's to search.
        nameKey: '',
        withdrawnAt,
        withdrawal: { at: withdrawnAt, by, reason },
        timeline: [...rest.timeline, { event: 'withdrawn', at: withdrawnAt }],
      };
    }
    case 'ShareDelivered': {
      if (!doc) return null;
      const rest = withoutIds(doc);
      return { ...rest, deliveredAt: e.data.deliveredAt, timeline: [...rest.timeline, { event: 'delivered', at: e.data.deliveredAt }] };
    }
    case 'ShareAmended': {
      if (!doc) return null;
      const rest = withoutIds(doc);
      const { amendedAt, reason, changes, result } = e.data;
      return {
        ...rest,
        ...resultFields(result),
        amendedAt,
        amendments: [...rest.amendments, { at: amendedAt, reason, changes: structuredClone(changes) }],
        timeline: [...rest.timeline, { event: 'amended', at: amendedAt }],
      };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown share event ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * A share's view told from its own stream, as the projection would make it: what a command's
 * answer shows at once (the projection follows within a second). Null for no share.
 */
export function shareViewOf(shareId: string, history: readonly StoredOf<ShareEvent>[]): ShareView | null {
  let doc: ShareView | null = null;
  for (const event of history) {
    const next = evolveShareView(doc, event);
    if (next) doc = { ...next, _id: shareId, _version: event.version };
  }
  return doc;
}

const shareIdOfStream = (event: StoredEvent): string => event.streamId.slice(shareStream.prefix.length);

/** The `shares` read model, fed by sharing's own events through the outbox; rebuildable from them. */
@Injectable()
export class SharesProjection implements Projection {
  readonly name = SHARES_VIEW;
  readonly view: DocumentCollection<ShareView>;
  private readonly logger = new Logger('SharesProjection');

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<ShareView>(SHARES_VIEW);
  }

  /**
   * The indexes every page and export query is served from (MongoDB; see README on FerretDB):
   * equality on the owner (and status), then sortKey in page order. `readAt` serves the shares
   * read since a walk began (share-page.ts).
   */
  async init(): Promise<void> {
    await this.view.ensureIndex({ idNumber: 1, sortKey: -1 });
    await this.view.ensureIndex({ organisationId: 1, status: 1, sortKey: -1 });
    await this.view.ensureIndex({ recipientId: 1, status: 1, sortKey: -1 });
    await this.view.ensureIndex({ organisationId: 1, readAt: 1 });
  }

  /**
   * A new read model starts empty: when sharing has events but the view has none (the first start
   * after an upgrade from v1), it is filled from the events once. A live write meanwhile is
   * applied twice at worst, which the versions make a no-op.
   */
  async backfill(store: EventStore): Promise<void> {
    // findOne, not count: on FerretDB a count reads the whole collection (minutes at 10⁵ shares at boot).
    if ((await this.view.findOne({})) !== null || (await store.collection.findOne({})) === null) return;
    const replayed = await rebuildProjection(store, { name: this.name, apply: (e) => this.apply(e), applyBatch: (e) => this.applyBatch(e), reset: async () => undefined });
    this.logger.log(`${SHARES_VIEW} filled from ${replayed} events`);
  }

  async apply(event: StoredEvent): Promise<void> {
    if (!shareStream.owns(event)) return;
    await applyVersioned(this.view, shareIdOfStream(event), event.version, event, evolveShareView);
  }

  /** A batch in bulk (an import, the relay's catch-up, a rebuild): one insert for new shares. */
  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const changes = events.filter((e) => shareStream.owns(e)).map((e) => ({ id: shareIdOfStream(e), version: e.version, event: e }));
    await applyVersionedBatch(this.view, changes, evolveShareView);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
