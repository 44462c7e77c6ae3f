import type { DocumentStore } from '#libs/persistence';
import { deadLetterTopic } from '#libs/contracts';
import type { MessagePublisher } from './message-publisher.port.js';

export interface DeadLetter {
  topic: string;
  consumer: string;
  reason: string;
  payload: unknown;
}

/** Where a consumer parks a message it cannot process, so that it can move on. */
export interface DeadLetters {
  put(letter: DeadLetter): Promise<void>;
}

/** Distributed mode: the message goes to `<topic>.dlt` with the reason in its headers. */
export class KafkaDeadLetters implements DeadLetters {
  constructor(private readonly publisher: MessagePublisher) {}

  async put(letter: DeadLetter): Promise<void> {
    await this.publisher.publish([
      {
        topic: deadLetterTopic(letter.topic),
        key: letter.consumer,
        value: typeof letter.payload === 'string' ? letter.payload : JSON.stringify(letter.payload),
        headers: { 'dlt-reason': letter.reason.slice(0, 1000), 'dlt-consumer': letter.consumer, 'dlt-topic': letter.topic },
      },
    ]);
  }
}

/** Embedded mode: dead letters are kept in the consuming service's own store. */
export class StoredDeadLetters implements DeadLetters {
  constructor(private readonly documents: DocumentStore) {}

  async put(letter: DeadLetter): Promise<void> {
    await this.documents.collection<DeadLetter & { _id: string; at: string }>('dead_letters').insertOne({
      // Stryker disable next-line MethodExpression: equivalent, keeping "0." in a random id keeps it unique
      _id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      at: new Date().toISOString(),
      ...letter,
      payload: typeof letter.payload === 'string' ? letter.payload : JSON.stringify(letter.payload),
    });
  }
}
