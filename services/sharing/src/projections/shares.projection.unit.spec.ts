import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventStore, systemClock, type StoredOf } from '#libs/event-store';
import { FileDocumentStore, type DocumentCollection } from '#libs/persistence';
import { applyVersioned } from '#libs/projections';
import type { ServiceInfrastructure } from '#libs/platform';
import { filtersHash } from '../share/paging/page.cursor.js';
import { inboxSections, pageOf } from '../share/paging/share-page.js';
import { invitedRecipientIdOf, invitedShareIdOf, shareStreamId, type ResultSharedData, type ShareEvent } from '../share/share.events.js';
import { evolveShareView, SharesProjection, shareViewOf } from './shares.projection.js';
import { sortKeyOf, timelineOf, type ShareView } from './shares.read-model.js';

const invitationId = 'inv-1';
const shareId = invitedShareIdOf('result-1', invitationId);
const recipientId = invitedRecipientIdOf(invitationId);
const result = {
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: [{ skill: 'Reading', score: 170 }],
  examDate: '2026-06-14',
  verificationCode: 'ABCD-EFGH-JKLM',
};
const candidate = { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', idNumber: 'C40192837' };
const consent = { textVersion: '2026-11-v1', givenAt: '2026-11-01T08:00:00.000Z' };
const recipient = { recipientId, organisationId: 'org-9', organisationName: 'Kyoto College', department: null, kind: 'education' as const };
const refs = { shareId, resultId: 'result-1', recipientId, organisationId: 'org-9' };
const shared = (sharedAt: string): ResultSharedData => ({ shareId, resultId: 'result-1', candidateId: 'cand-1', recipient, candidate, result, consent, sharedAt });

/** The stream as stored: versions from 1. */
function stored(events: ShareEvent[], id = shareId): StoredOf<ShareEvent>[] {
  return events.map(
    (e, i) =>
      ({
        _id: `${id}:${i + 1}`,
        eventId: `${id}:${i + 1}`,
        streamId: shareStreamId(id),
        version: i + 1,
        type: e.type,
        schemaVersion: 1,
        data: e.data,
        metadata: { correlationId: 'c', causationId: null, actor: 'test' },
        occurredAt: '2026-11-01T08:00:00.000Z',
      }) as StoredOf<ShareEvent>,
  );
}

const life: ShareEvent[] = [
  {
    type: 'SharePending',
    data: { shareId, resultId: 'result-1', candidateId: 'cand-1', invitationId, organisationName: 'Kyoto College (invited)', candidate, result, consent, requestedAt: '2026-11-01T08:00:00.000Z' },
  },
  { type: 'ResultShared', data: shared('2026-11-04T08:00:00.000Z') },
  { type: 'ShareDelivered', data: { ...refs, deliveredAt: '2026-11-04T08:00:02.000Z', channel: 'webhook' } },
  { type: 'ResultRead', data: { ...refs, readAt: '2026-11-05T09:00:00.000Z', readBy: 'u-1' } },
  {
    type: 'ShareAmended',
    data: { ...refs, amendedAt: '2026-11-06T09:00:00.000Z', reason: 'Re-mark', changes: { overallScore: 175, grade: 'B' }, result: { ...result, overallScore: 175, grade: 'B' } },
  },
  { type: 'ShareWithdrawn', data: { ...refs, withdrawnAt: '2026-11-07T09:00:00.000Z', by: 'exam-centre', reason: 'Malpractice' } },
];

describe('shares read model', () => {
  it('a pending share is the candidate’s only: no organisation, the invited name and account, asked-for time', () => {
    const view = shareViewOf(shareId, stored(life.slice(0, 1)));
    assert.ok(view);
    assert.equal(view.status, 'pending');
    assert.equal(view.organisationId, null);
    assert.deepEqual(view.recipient, { recipientId, organisationName: 'Kyoto College (invited)', department: null, kind: null });
    assert.equal(view.invitationId, invitationId);
    assert.equal(view.sharedAt, '2026-11-01T08:00:00.000Z');
    assert.deepEqual(view.timeline, []);
  });

  it('follows the whole life: delivered (placed anew), delivered to the system, read, amended, withdrawn by the exam centre', () => {
    const view = shareViewOf(shareId, stored(life));
    assert.ok(view);
    assert.equal(view._version, life.length);
    assert.equal(view.status, 'withdrawn');
    assert.equal(view.organisationId, 'org-9');
    assert.equal(view.recipient.organisationName, 'Kyoto College');
    assert.equal(view.sortKey, sortKeyOf('2026-11-04T08:00:00.000Z', shareId));
    assert.equal(view.invitationId, invitationId);
    assert.equal(view.deliveredAt, '2026-11-04T08:00:02.000Z');
    assert.equal(view.readAt, '2026-11-05T09:00:00.000Z');
    assert.equal(view.amendedAt, '2026-11-06T09:00:00.000Z');
    assert.equal(view.result.overallScore, 175);
    assert.equal(view.result.grade, 'B');
    assert.deepEqual(view.amendments, [{ at: '2026-11-06T09:00:00.000Z', reason: 'Re-mark', changes: { overallScore: 175, grade: 'B' } }]);
    assert.deepEqual(view.withdrawal, { at: '2026-11-07T09:00:00.000Z', by: 'exam-centre', reason: 'Malpractice' });
    assert.equal(view.withdrawnAt, '2026-11-07T09:00:00.000Z');
    assert.equal(view.nameKey, '', 'not found by name once withdrawn');
    assert.ok(view.idNumber, 'still the candidate\'s: it finds their own shares');
    assert.deepEqual(
      view.timeline.map((t) => t.event),
      ['sent', 'delivered', 'read', 'amended', 'withdrawn'],
    );
  });

  it('a lapsed share says so in its timeline', () => {
    const view = shareViewOf(shareId, stored([life[0], { type: 'ShareLapsed', data: { shareId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } }]));
    assert.equal(view?.status, 'lapsed');
    assert.deepEqual(view?.timeline, [{ event: 'lapsed', at: '2026-11-15T00:00:00.000Z' }]);
  });

  it('sent again after a withdrawal: unread, placed anew, found by name again, the history kept', () => {
    const events: ShareEvent[] = [
      { type: 'ResultShared', data: shared('2026-11-02T10:00:00.000Z') },
      { type: 'ShareWithdrawn', data: { ...refs, withdrawnAt: '2026-11-02T11:00:00.000Z', by: 'candidate', reason: null } },
      { type: 'ResultShared', data: shared('2026-11-03T10:00:00.000Z') },
    ];
    const view = shareViewOf(shareId, stored(events));
    assert.ok(view);
    assert.equal(view.status, 'unread');
    assert.equal(view.withdrawal, null);
    assert.equal(view.withdrawnAt, null);
    assert.equal(view.nameKey, 'hanako yamada');
    assert.equal(view.sortKey, sortKeyOf('2026-11-03T10:00:00.000Z', shareId));
    assert.deepEqual(
      view.timeline.map((t) => t.event),
      ['sent', 'withdrawn', 'sent'],
    );
  });

  it('a document written before timelines is told from what it has, and extended', () => {
    const legacy = {
      _id: shareId,
      _version: 2,
      ...shareViewOf(shareId, stored([{ type: 'ResultShared', data: shared('2026-11-02T10:00:00.000Z') }])),
      status: 'read',
      readAt: '2026-11-02T12:00:00.000Z',
    } as Partial<ShareView> & { sharedAt: string; readAt: string | null };
    delete legacy.timeline;
    delete legacy.amendments;
    delete legacy.withdrawal;
    delete legacy.withdrawnAt;
    assert.deepEqual(timelineOf(legacy), [
      { event: 'sent', at: '2026-11-02T10:00:00.000Z' },
      { event: 'read', at: '2026-11-02T12:00:00.000Z' },
    ]);
    const [withdrawn] = stored([{ type: 'ShareWithdrawn', data: { ...refs, withdrawnAt: '2026-11-08T00:00:00.000Z', by: 'exam-centre', reason: 'r' } }]);
    const next = evolveShareView(legacy as ShareView, withdrawn);
    assert.deepEqual(
      next?.timeline.map((t) => t.event),
      ['sent', 'read', 'withdrawn'],
    );
    assert.deepEqual(next?.amendments, []);
  });

  it('events without a share leave nothing', () => {
    for (const e of life.slice(2)) assert.equal(evolveShareView(null, stored([e])[0]), null);
  });
});

describe('the inbox with withdrawn shares, page by page', () => {
  let dir: string;
  let store: FileDocumentStore;
  let view: DocumentCollection<ShareView>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shares-view-'));
    store = await FileDocumentStore.open(dir);
    view = store.collection<ShareView>('shares_v2');
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const apply = async (id: string, version: number, event: ShareEvent) => {
    const [e] = stored([event], id);
    await applyVersioned(view, id, version, { ...e, version }, evolveShareView);
  };
  const sharedAs = (id: string, sharedAt: string): ShareEvent => ({ type: 'ResultShared', data: { ...shared(sharedAt), shareId: id } });
  const walk = async (t0: Date, between: (n: number) => Promise<void>) => {
    const seen: { id: string; status: string }[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 50; n++) {
      const page = await pageOf(view, { scope: { organisationId: 'org-9' }, sections: inboxSections(undefined), range: {}, limit: 2, cursor, hash: filtersHash({ list: 'inbox' }), now: t0 });
      seen.push(...page.docs.map((d) => ({ id: d._id, status: d.status })));
      if (page.nextCursor === null) return seen;
      cursor = page.nextCursor;
      await between(n);
    }
    throw new Error('no last page');
  };

  it('unread first, then read, then withdrawn; a share read or withdrawn mid-walk is given once, in its section as of the walk’s start', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    for (const [i, id] of ids.entries()) await apply(id, 1, sharedAs(id, `2026-11-0${i + 1}T10:00:00.000Z`));
    const ref = (id: string) => ({ ...refs, shareId: id });
    // Before the walk: 6 read, 7 withdrawn.
    await apply(ids[6], 2, { type: 'ResultRead', data: { ...ref(ids[6]), readAt: '2026-11-20T00:00:00.000Z', readBy: 'u' } });
    await apply(ids[7], 2, { type: 'ShareWithdrawn', data: { ...ref(ids[7]), withdrawnAt: '2026-11-20T00:00:00.000Z', by: 'candidate', reason: null } });
    const t0 = new Date('2026-11-21T00:00:00.000Z');
    const seen = await walk(t0, async (n) => {
      if (n !== 0) return;
      // Mid-walk: 0 withdrawn (unread at the start), 6 withdrawn by the exam centre (read at the start), 1 read.
      await apply(ids[0], 2, { type: 'ShareWithdrawn', data: { ...ref(ids[0]), withdrawnAt: '2026-11-22T00:00:00.000Z', by: 'candidate', reason: null } });
      await apply(ids[6], 3, { type: 'ShareWithdrawn', data: { ...ref(ids[6]), withdrawnAt: '2026-11-22T00:00:00.000Z', by: 'exam-centre', reason: 'r' } });
      await apply(ids[1], 2, { type: 'ResultRead', data: { ...ref(ids[1]), readAt: '2026-11-22T00:00:00.000Z', readBy: 'u' } });
    });
    assert.deepEqual(
      seen.map((s) => s.id),
      [ids[5], ids[4], ids[3], ids[2], ids[1], ids[0], ids[6], ids[7]],
      'each once: the unread of the start newest first, then the read, then the withdrawn',
    );
    assert.deepEqual(
      seen.map((s) => s.status),
      ['unread', 'unread', 'unread', 'unread', 'read', 'withdrawn', 'withdrawn', 'withdrawn'],
    );
    // A new walk puts them where they are now.
    const now = await walk(new Date('2026-11-23T00:00:00.000Z'), async () => undefined);
    assert.deepEqual(
      now.map((s) => s.id),
      [ids[5], ids[4], ids[3], ids[2], ids[1], ids[7], ids[6], ids[0]],
    );
    const withdrawnOnly = await pageOf(view, { scope: { organisationId: 'org-9' }, sections: inboxSections('withdrawn'), range: {}, limit: 10, cursor: undefined, hash: filtersHash({ list: 'inbox' }), now: t0 });
    assert.deepEqual(
      withdrawnOnly.docs.map((d) => d._id),
      [ids[7], ids[6], ids[0]],
    );
  });
});

describe('the shares read model when a share’s events arrive out of order (two instances each relay their own)', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: EventStore;
  let projection: SharesProjection;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shares-order-'));
    documents = await FileDocumentStore.open(dir);
    store = new EventStore(documents);
    projection = new SharesProjection({ documents, clock: systemClock, serviceName: 'sharing' } as unknown as ServiceInfrastructure, store);
    await projection.init();
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  const metadata = { correlationId: 'c', causationId: null, actor: 'test' };
  const read = (id: string): ShareEvent => ({ type: 'ResultRead', data: { ...refs, shareId: id, readAt: '2026-11-05T09:00:00.000Z', readBy: 'u-1' } });
  const delivered = (id: string): ShareEvent => ({ type: 'ShareDelivered', data: { ...refs, shareId: id, deliveredAt: '2026-11-05T09:00:01.000Z', channel: 'feed' } });

  it('an opening relayed before the share itself is not lost: the share is told from its stream', async () => {
    const id = '00000000-0000-4000-8000-0000000000a1';
    const [sent] = await store.append(shareStreamId(id), 0, [{ type: 'ResultShared', data: { ...shared('2026-11-04T08:00:00.000Z'), shareId: id } }], metadata);
    const [opened] = await store.append(shareStreamId(id), 1, [read(id)], metadata);
    await projection.apply(opened);
    await projection.apply(sent);
    const doc = await projection.view.findOne({ _id: id });
    assert.equal(doc?.status, 'read');
    assert.equal(doc?._version, 2);
  });

  it('a later event before an earlier one (a delivery before the opening) keeps both; in a batch too', async () => {
    const id = '00000000-0000-4000-8000-0000000000a2';
    const [sent] = await store.append(shareStreamId(id), 0, [{ type: 'ResultShared', data: { ...shared('2026-11-04T08:00:00.000Z'), shareId: id } }], metadata);
    await projection.apply(sent);
    const [opened] = await store.append(shareStreamId(id), 1, [read(id)], metadata);
    const [deliveredEvent] = await store.append(shareStreamId(id), 2, [delivered(id)], metadata);
    await projection.applyBatch([deliveredEvent]);
    await projection.applyBatch([opened, sent]);
    const doc = await projection.view.findOne({ _id: id });
    assert.equal(doc?.status, 'read');
    assert.equal(doc?.deliveredAt, '2026-11-05T09:00:01.000Z');
    assert.deepEqual(
      doc?.timeline.map((t) => t.event),
      ['sent', 'read', 'delivered'],
    );
    assert.equal(doc?._version, 3);
  });

  it('in order, nothing is read from the stream (and a repeat changes nothing)', async () => {
    const id = '00000000-0000-4000-8000-0000000000a3';
    const events = await store.append(
      shareStreamId(id),
      0,
      [{ type: 'ResultShared', data: { ...shared('2026-11-04T08:00:00.000Z'), shareId: id } }, read(id)],
      metadata,
    );
    let streamReads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId: string) => {
      streamReads++;
      return readStream(streamId);
    };
    try {
      await projection.applyBatch(events);
      await projection.applyBatch(events);
      await projection.apply(events[1]);
    } finally {
      store.readStream = readStream;
    }
    assert.equal(streamReads, 0);
    assert.equal((await projection.view.findOne({ _id: id }))?.status, 'read');
  });
});
