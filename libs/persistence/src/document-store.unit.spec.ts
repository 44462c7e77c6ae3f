import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract } from './document-store.contract.js';
import { FileDocumentStore } from './file-document.store.js';

documentStoreContract('embedded file store', async () => FileDocumentStore.open(await mkdtemp(join(tmpdir(), 'docs-'))));
