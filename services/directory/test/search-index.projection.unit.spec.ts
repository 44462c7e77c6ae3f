import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventStore, type StoredEvent } from '#libs/event-store';
import { FileDocumentStore } from '#libs/persistence';
import type { OrganisationEvent, RegisteredOrganisation } from '../src/organisation/organisation.events.js';
import { organisationStreamId } from '../src/organisation/organisation.events.js';
import { SearchIndexProjection } from '../src/projections/search-index.projection.js';
import { InMemoryDirectoryIndex } from '../src/search/index.js';

const META = { correlationId: 'test', causationId: null };

const organisation = (id: string, name: string, departments: (string | null)[], approved?: boolean): RegisteredOrganisation => ({
  organisationId: id,
  name,
  kind: 'education',
  country: 'Japan',
  website: null,
  email: null,
  aliases: [],
  recipients: departments.map((department, i) => ({ recipientId: `${id}-r${i}`, department })),
  firstUser: null,
  ...(approved === undefined ? {} : { approved }),
});

/**
 * The search projection writes each changed organisation as its stream now has it: the relay's
 * batches (a stream from its start, or only its later events), live writes and a rebuild from the
 * events all leave the same index.
 */
describe('directory: the search index projection (in memory)', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: EventStore;
  const appended: StoredEvent[] = [];

  const append = async (id: string, events: OrganisationEvent[]) => {
    const stream = organisationStreamId(id);
    const version = (await store.readStream(stream)).length;
    appended.push(...(await store.append(stream, version, events, META)));
  };
  const hits = async (index: InMemoryDirectoryIndex, q: string) => (await index.search(q, 20)).map((h) => `${h.recipientId} ${h.organisationName} / ${h.department ?? '-'}`).sort();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-projection-'));
    documents = await FileDocumentStore.open(dir);
    store = new EventStore(documents);
    await store.init();
  });

  after(async () => {
    await documents?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies registrations, edits, accounts and approvals, whichever way the events arrive, as a rebuild does', async () => {
    const live = new InMemoryDirectoryIndex();
    const projection = new SearchIndexProjection(live, store);
    // A batch with two organisations from their start (the relay's import path).
    await append('a', [{ type: 'OrganisationRegistered', data: organisation('a', 'Alderbrook College', [null, 'Law']) }]);
    await append('w', [{ type: 'OrganisationRegistered', data: organisation('w', 'Wyvernmoor Institute', [null], false) }]);
    await projection.applyBatch(appended.splice(0), { live: false });
    assert.deepEqual(await hits(live, 'Alderbrook'), ['a-r0 Alderbrook College / -', 'a-r1 Alderbrook College / Law']);
    assert.deepEqual(await hits(live, 'Wyvernmoor'), [], 'waiting for approval: not in search');

    // Later events one by one (live) and together (the relay): read from the stream.
    await append('a', [{ type: 'OrganisationUpdated', data: { organisationId: 'a', name: 'Brightwater College', kind: 'education', country: 'Japan', website: null, aliases: ['Alderbrook'], approved: true } }]);
    await projection.applyBatch(appended.splice(0), { live: true });
    assert.deepEqual(await hits(live, 'Brightwater'), ['a-r0 Brightwater College / -', 'a-r1 Brightwater College / Law']);
    assert.deepEqual((await hits(live, 'Alderbrook')).length, 2, 'the old name kept as an alias');
    await append('a', [
      { type: 'RecipientAccountAdded', data: { organisationId: 'a', recipientId: 'a-r2', department: 'Medicine', active: true } },
      { type: 'RecipientAccountUpdated', data: { organisationId: 'a', recipientId: 'a-r1', department: 'Law', active: false } },
    ]);
    await append('w', [{ type: 'OrganisationApproved', data: { organisationId: 'w', name: 'Wyvernmoor Institute', kind: 'education', country: 'Japan', website: null, aliases: [], approved: true } }]);
    await projection.applyBatch(appended.splice(0), { live: false });
    assert.deepEqual(await hits(live, 'Brightwater'), ['a-r0 Brightwater College / -', 'a-r2 Brightwater College / Medicine']);
    assert.deepEqual(await hits(live, 'Wyvernmoor'), ['w-r0 Wyvernmoor Institute / -']);
    await append('a', [{ type: 'RecipientAccountUpdated', data: { organisationId: 'a', recipientId: 'a-r0', department: null, active: false } }]);
    await append('a', [{ type: 'RecipientAccountUpdated', data: { organisationId: 'a', recipientId: 'a-r2', department: 'Medicine', active: false } }]);
    const [first, second] = appended.splice(0);
    // Two live writes racing: both end with the organisation as its stream has it.
    await Promise.all([projection.applyBatch([first], { live: true }), projection.applyBatch([second], { live: true })]);
    assert.deepEqual(await hits(live, 'Brightwater'), [], 'no active account left: gone from search');
    // A repeat (the relay after the inline write) changes nothing.
    await projection.applyBatch([first, second], { live: false });
    assert.deepEqual(await hits(live, 'Brightwater'), []);

    const rebuilt = new InMemoryDirectoryIndex();
    assert.equal(await new SearchIndexProjection(rebuilt, store).refill(store), 1, 'one account searchable: Wyvernmoor');
    for (const q of ['Brightwater', 'Alderbrook', 'Wyvernmoor', 'Law', 'Medicine']) assert.deepEqual(await hits(rebuilt, q), await hits(live, q), q);
    assert.equal(await rebuilt.count(), await live.count());
  });
});
