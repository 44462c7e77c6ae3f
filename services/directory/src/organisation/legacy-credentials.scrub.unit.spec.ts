import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventStore } from '#libs/event-store';
import { FileDocumentStore } from '#libs/persistence';
import { directoryIntegrationMapper } from '../integration/directory.integration-mapper.js';
import { scrubLegacyCredentials } from './legacy-credentials.scrub.js';

describe('events stored when OrganisationRegistered still held a password hash', () => {
  let dir: string;
  let store: EventStore;
  const hash = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA';
  const legacy = {
    organisationId: 'o-1',
    name: 'Aurora Polytechnic',
    kind: 'education',
    country: 'Japan',
    website: 'https://aurora.example.edu',
    email: 'office@aurora.example.edu',
    aliases: [],
    recipients: [{ recipientId: 'r-1', department: null }],
    firstUser: { email: 'office@aurora.example.edu', contactName: 'Aki Tanaka', passwordHash: hash },
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'directory-scrub-'));
    store = new EventStore(await FileDocumentStore.open(dir));
    await store.init();
    await store.append('org-o-1', 0, [{ type: 'OrganisationRegistered', data: legacy }], { correlationId: 'c', causationId: null, actor: 'a' });
    await store.append('org-o-2', 0, [{ type: 'OrganisationRegistered', data: { ...legacy, organisationId: 'o-2', firstUser: null } }], { correlationId: 'c', causationId: null, actor: 'a' });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('never publishes the hash, even before the scrub', async () => {
    const [stored] = await store.readStream('org-o-1');
    assert.match(JSON.stringify(stored), /argon2id/);
    const drafts = directoryIntegrationMapper(stored);
    assert.doesNotMatch(JSON.stringify(drafts), /passwordHash|argon2/);
    assert.deepEqual((drafts[0]?.data as { firstUser: unknown }).firstUser, { email: 'office@aurora.example.edu', contactName: 'Aki Tanaka' });
  });

  it('removes it from the stored events and the outbox, keeping everything else, once', async () => {
    assert.equal(await scrubLegacyCredentials(store), 1);
    const [one] = await store.readStream('org-o-1');
    const [two] = await store.readStream('org-o-2');
    assert.deepEqual(one?.data, { ...legacy, firstUser: { email: 'office@aurora.example.edu', contactName: 'Aki Tanaka' } });
    assert.equal((two?.data as { firstUser: unknown }).firstUser, null);
    assert.doesNotMatch(JSON.stringify(await store.outbox.find({})), /argon2/);
    assert.equal(await scrubLegacyCredentials(store), 0);
  });
});
