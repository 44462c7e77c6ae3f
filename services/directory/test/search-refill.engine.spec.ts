import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventStore } from '#libs/event-store';
import { FileDocumentStore } from '#libs/persistence';
import { engineUrls } from '#libs/testing';
import { organisationStreamId, type RegisteredOrganisation } from '../src/organisation/organisation.events.js';
import { SearchIndexProjection } from '../src/projections/search-index.projection.js';
import { OpenSearchDirectoryIndex } from '../src/search/index.js';

const ORGANISATIONS = 3_000;

const organisation = (i: number): RegisteredOrganisation => ({
  organisationId: randomUUID(),
  name: `Refill College ${i}`,
  kind: 'education',
  country: 'Japan',
  website: null,
  email: null,
  aliases: [],
  recipients: [{ recipientId: randomUUID(), department: null }],
  firstUser: null,
});

/**
 * Two directory instances share one OpenSearch index. One booting with DIRECTORY_REBUILD_INDEX
 * (or finding the index lost) fills it from the events while the other serves searches from it:
 * the index must never be emptied or dropped under the other (a drop there also lets the other's
 * live writes recreate the index without its mapping).
 */
describe('directory: filling the search index at boot beside another instance (OpenSearch)', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: EventStore;
  let index: OpenSearchDirectoryIndex;
  let serving: OpenSearchDirectoryIndex;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refill-'));
    documents = await FileDocumentStore.open(dir);
    store = new EventStore(documents);
    await store.init();
    const organisations = Array.from({ length: ORGANISATIONS }, (_, i) => organisation(i));
    await store.startStreams(
      organisations.map((o) => ({ streamId: organisationStreamId(o.organisationId), events: [{ type: 'OrganisationRegistered', data: o }] })),
      { correlationId: 'refill', causationId: null },
    );
    const name = `test-refill-${randomUUID()}`;
    index = new OpenSearchDirectoryIndex({ node: engineUrls.opensearchUrl, index: name });
    serving = new OpenSearchDirectoryIndex({ node: engineUrls.opensearchUrl, index: name });
    await index.init();
    // The instance already serving filled it first.
    assert.equal(await new SearchIndexProjection(serving, store).refill(store), ORGANISATIONS);
  });

  after(async () => {
    await index?.drop();
    await index?.close();
    await serving?.close();
    await documents?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fills in place: the other instance finds every organisation at every moment, and the mapping stays', async () => {
    const counts: number[] = [];
    let filling = true;
    const watch = (async () => {
      while (filling) counts.push(await serving.count());
    })();
    // Two instances booting at once, both asked to fill.
    const filled = await Promise.all([new SearchIndexProjection(index, store).refill(store), new SearchIndexProjection(index, store).refill(store)]);
    filling = false;
    await watch;
    assert.deepEqual(filled, [ORGANISATIONS, ORGANISATIONS]);
    assert.ok(counts.length >= 3, `watched ${counts.length} times`);
    assert.equal(Math.min(...counts), ORGANISATIONS, 'never fewer than every organisation while it was being filled');
    assert.equal(await serving.count(), ORGANISATIONS);
    // Typeahead on part of a name still works: the index kept its mapping.
    const hits = await serving.search('Refill Coll', 5);
    assert.equal(hits.length, 5);
    assert.match(hits[0]?.organisationName ?? '', /^Refill College \d+$/);
  });
});
