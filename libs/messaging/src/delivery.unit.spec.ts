import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDocumentStore, type DocumentStore } from '#libs/persistence';
import { StoredDeadLetters, type DeadLetter } from './dead-letter.port.js';
import { deliveryContract } from './delivery.contract.js';
import { InProcessBus } from './in-process.bus.js';
import { InProcessTransport } from './in-process.transport.js';

deliveryContract('in-process bus and file store', async () => {
  const bus = new InProcessBus();
  bus.open();
  const dlqStore = await FileDocumentStore.open(await mkdtemp(join(tmpdir(), 'dlq-')));
  const opened: DocumentStore[] = [dlqStore];
  return {
    documents: async () => {
      const d = await FileDocumentStore.open(await mkdtemp(join(tmpdir(), 'delivery-')));
      opened.push(d);
      return d;
    },
    publisher: bus,
    deadLetters: new StoredDeadLetters(dlqStore),
    consumerOptions: (group) => ({ strategy: new InProcessTransport(bus, group) }),
    readDeadLetters: async (group) =>
      (await dlqStore.collection<DeadLetter & { _id: string }>('dead_letters').find({ consumer: group })),
    close: async () => {
      await bus.close();
    },
  };
});
