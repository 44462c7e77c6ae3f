import { MongooseDocumentStore } from '#libs/persistence';
import { engineUrls, runId } from '#libs/testing';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('mongoose on FerretDB', () => MongooseDocumentStore.connect(engineUrls.mongoUri, runId('events')));
