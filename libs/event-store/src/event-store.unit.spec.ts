import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDocumentStore } from '#libs/persistence';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('embedded file store', async () => FileDocumentStore.open(await mkdtemp(join(tmpdir(), 'events-'))));
