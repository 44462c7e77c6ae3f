import kafkajs from 'kafkajs';
import { deadLetterTopic, Topics } from '#libs/contracts';
import { MongooseDocumentStore, type DocumentStore } from '#libs/persistence';
import { engineUrls, runId } from '#libs/testing';
import { KafkaDeadLetters, type DeadLetter } from './dead-letter.port.js';
import { deliveryContract } from './delivery.contract.js';
import { kafkaConsumerOptions } from './kafka.options.js';
import { KafkaPublisher } from './kafka.publisher.js';
import { ensureKafkaTopics } from './kafka.topics.js';

deliveryContract('Kafka and FerretDB', async () => {
  const brokers = engineUrls.kafkaBrokers;
  await ensureKafkaTopics(brokers);
  const publisher = await KafkaPublisher.connect({ brokers, clientId: runId('delivery') });
  // Reads the dead-letter topic from the start, as an operator's tool would.
  const letters: DeadLetter[] = [];
  const dlqConsumer = new kafkajs.Kafka({ clientId: 'dlq-reader', brokers, logLevel: kafkajs.logLevel.NOTHING }).consumer({
    groupId: runId('dlq-reader'),
    maxWaitTimeInMs: 100, // a fetch in flight holds disconnect() for up to this long
  });
  await dlqConsumer.connect();
  await dlqConsumer.subscribe({ topic: deadLetterTopic(Topics.shares), fromBeginning: true });
  await dlqConsumer.run({
    eachMessage: async ({ message }) => {
      const header = (name: string) => message.headers?.[name]?.toString() ?? '';
      letters.push({ topic: header('dlt-topic'), consumer: header('dlt-consumer'), reason: header('dlt-reason'), payload: message.value?.toString() ?? '' });
    },
  });
  const opened: DocumentStore[] = [];
  return {
    documents: async () => {
      const d = await MongooseDocumentStore.connect(engineUrls.mongoUri, runId('delivery'));
      opened.push(d);
      return d;
    },
    publisher,
    deadLetters: new KafkaDeadLetters(publisher),
    consumerOptions: (group) => kafkaConsumerOptions(brokers, group),
    readDeadLetters: async (group) => letters.filter((l) => l.consumer === group),
    close: async () => {
      await dlqConsumer.disconnect();
      await publisher.close();
      for (const d of opened) {
        await d.dropAll().catch(() => undefined);
        await d.close();
      }
    },
  };
});
