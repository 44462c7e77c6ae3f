import { engineUrls, runId } from '#libs/testing';
import { documentStoreContract } from './document-store.contract.js';
import { MongooseDocumentStore } from './mongoose-document.store.js';

documentStoreContract('mongoose on FerretDB', () => MongooseDocumentStore.connect(engineUrls.mongoUri, runId('contract')));
