import { setTimeout as sleep } from 'node:timers/promises';
import { validateEnvelope, type KnownEnvelope } from '#libs/contracts';
import { DuplicateKeyError, type DocumentStore } from '#libs/persistence';
import type { DeadLetters } from './dead-letter.port.js';

export interface InboxOptions {
  /** Attempts before a failing message is dead-lettered. */
  attempts?: number;
  /** First backoff; doubles each retry. */
  backoffMs?: number;
  logger?: { warn(message: string): void; error(message: string, error?: unknown): void };
}

interface ProcessedEvent {
  _id: string;
  topic: string;
  type: string;
  at: string;
}

/**
 * Consumes integration events exactly once in effect: validates each against the contracts
 * (malformed or schema-violating → dead letter), skips event ids already processed, retries a
 * failing handler with backoff and dead-letters it after the last attempt, so a poison message
 * never stops the consumer. Handlers must be idempotent too: a crash between handling and
 * recording re-delivers the event (they guard with the aggregate version).
 */
export class IntegrationInbox {
  private readonly processed;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(
    documents: DocumentStore,
    private readonly deadLetters: DeadLetters,
    private readonly consumer: string,
    private readonly options: InboxOptions = {},
  ) {
    this.processed = documents.collection<ProcessedEvent>('processed_events');
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 100;
  }

  async consume(topic: string, payload: unknown, handle: (event: KnownEnvelope) => Promise<void>): Promise<void> {
    let envelope: KnownEnvelope;
    try {
      envelope = validateEnvelope(typeof payload === 'string' ? JSON.parse(payload) : payload);
    } catch (error) {
      await this.deadLetter(topic, payload, `invalid message: ${(error as Error).message}`);
      return;
    }
    if (await this.processed.findOne({ _id: envelope.eventId })) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await handle(envelope);
        break;
      } catch (error) {
        if (attempt >= this.attempts) {
          this.options.logger?.error(`${this.consumer}: ${envelope.type} ${envelope.eventId} failed ${attempt} times`, error);
          await this.deadLetter(topic, envelope, `handler failed: ${(error as Error).message}`);
          break;
        }
        await sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
    try {
      await this.processed.insertOne({ _id: envelope.eventId, topic, type: envelope.type, at: new Date().toISOString() });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  private async deadLetter(topic: string, payload: unknown, reason: string): Promise<void> {
    this.options.logger?.warn(`${this.consumer}: dead-lettered a message from ${topic}: ${reason}`);
    await this.deadLetters.put({ topic, consumer: this.consumer, reason, payload });
  }
}
