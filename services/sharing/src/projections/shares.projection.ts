import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventStore, type StoredEvent, type StoredOf } from '#libs/event-store';
import { DuplicateKeyError, findByIds, type DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, rebuildProjection, type Evolve, type Projection } from '#libs/projections';
import type { ResultDetails } from '#libs/contracts';
import { invitedRecipientIdOf, shareStream, shareStreamId, type ShareEvent } from '../share/share.events.js';
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
        // Not found by name any more (nor by ID Number: inboxScope asks for a name key too): its details
        // are no longer the organisation's to search. The ID Number stays: it finds the candidate's own shares.
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

  /**
   * `store`: to catch a share up from its stream when its events arrive out of order. Each
   * instance relays the events it appended itself, so with two instances a share's later event
   * (an opening on one, a withdrawal or a delivery on the other) can arrive before an earlier one,
   * which applyVersioned would then take for a repeat and skip for ever. Without a store (a
   * rebuild replays in order) events are applied as they come.
   */
  constructor(@Inject(INFRA) infra: ServiceInfrastructure, @Optional() private readonly store?: EventStore) {
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
    // the shares of a result: an amendment or withdrawal by the exam centre reaches each of them
    await this.view.ensureIndex({ resultId: 1 });
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
    await this.applyBatch([event]);
  }

  /** A batch in bulk (an import, the relay's catch-up, a rebuild): one insert for new shares. */
  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const changes = events.filter((e) => shareStream.owns(e)).map((e) => ({ id: shareIdOfStream(e), version: e.version, event: e }));
    const behind = await this.outOfOrder(changes);
    await applyVersionedBatch(
      this.view,
      changes.filter((c) => !behind.has(c.id)),
      evolveShareView,
    );
    for (const id of behind) await this.catchUp(id);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }

  /**
   * The shares whose changes in this batch do not follow on from their document (a version
   * missing in between: an earlier event is still on its way from another instance). New shares
   * (from version 1, without gaps), the bulk of any import, need no read.
   */
  private async outOfOrder(changes: readonly { id: string; version: number }[]): Promise<Set<string>> {
    const behind = new Set<string>();
    if (!this.store) return behind;
    const versions = new Map<string, number[]>();
    for (const c of changes) versions.set(c.id, [...(versions.get(c.id) ?? []), c.version]);
    const gapless = (list: number[], after: number) =>
      [...new Set(list)]
        .filter((v) => v > after)
        .sort((a, b) => a - b)
        .every((v, i) => v === after + i + 1);
    const toRead = [...versions].filter(([, list]) => !(Math.min(...list) === 1 && gapless(list, 0))).map(([id]) => id);
    if (toRead.length === 0) return behind;
    // By id, not one `$in`: on FerretDB an `$in` is not pushed down, and every batch with a later
    // event (each share's ShareDelivered) read and decoded the whole view (the drill's 5 shares a second).
    const docs = new Map((await findByIds(this.view, toRead)).map((d) => [d._id, d._version]));
    for (const id of toRead) if (!gapless(versions.get(id) ?? [], docs.get(id) ?? 0)) behind.add(id);
    return behind;
  }

  /** A share told again from its whole stream (what has arrived and what is still on its way), written unless the document is already as new. */
  private async catchUp(id: string): Promise<void> {
    if (!this.store) return;
    const caughtUp = shareViewOf(id, await this.store.readStream(shareStreamId(id)));
    if (!caughtUp) return;
    const { _id: _ignored, ...fields } = caughtUp;
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.view.findOne({ _id: id });
      if (doc && doc._version >= caughtUp._version) return;
      if (!doc) {
        try {
          await this.view.insertOne(caughtUp);
          return;
        } catch (error) {
          if (error instanceof DuplicateKeyError) continue;
          throw error;
        }
      }
      if ((await this.view.updateOne({ _id: id, _version: doc._version }, { $set: fields })).matched === 1) return;
    }
    throw new Error(`read model ${id}: too many concurrent updates`);
  }
}
