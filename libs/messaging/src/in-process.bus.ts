import type { MessagePublisher, OutgoingMessage } from './message-publisher.port.js';

export type BusHandler = (message: OutgoingMessage) => Promise<void>;
export type BusBatchHandler = (messages: readonly OutgoingMessage[]) => Promise<void>;

/**
 * Kafka's stand-in for the embedded mode: topics and consumer groups inside one process.
 * `publish` resolves once every subscribed group has handled the messages, so the outbox drops
 * an entry only after delivery; a crash before that re-delivers it on restart. A publish of many
 * messages reaches each group as one batch per topic, in order (as a Kafka partition would).
 * Messages published before `open()` wait, so no consumer misses what a relay sends at boot.
 */
export class InProcessBus implements MessagePublisher {
  private readonly groups = new Map<string, Map<string, BusBatchHandler>>();
  private opened!: () => void;
  private readonly openPromise = new Promise<void>((resolve) => (this.opened = resolve));
  // One chain per topic keeps delivery ordered, as a Kafka partition would.
  private readonly chains = new Map<string, Promise<void>>();
  private waiting = 0;

  /** One message at a time (tests, probes). */
  subscribe(group: string, topic: string, handler: BusHandler): void {
    this.subscribeBatch(group, topic, async (messages) => {
      for (const message of messages) await handler(message);
    });
  }

  subscribeBatch(group: string, topic: string, handler: BusBatchHandler): void {
    const handlers = this.groups.get(topic) ?? new Map<string, BusBatchHandler>();
    handlers.set(group, handler);
    this.left.get(group)?.delete(topic);
    this.groups.set(topic, handlers);
  }

  /**
   * A group leaves when its app stops. Unlike Kafka, the bus keeps no messages for it: from then
   * on every publish fails (the outbox keeps its entries and publishes them at the next start),
   * so nothing a stopped consumer should have seen is dropped.
   */
  unsubscribeGroup(group: string): void {
    const topics = new Set<string>();
    for (const [topic, handlers] of this.groups) if (handlers.delete(group)) topics.add(topic);
    this.left.set(group, topics);
  }

  /** Groups that stopped, with the topics they read: a publish to those fails until they are back. */
  private readonly left = new Map<string, Set<string>>();

  private refuseIfLeft(topic: string): void {
    for (const [group, topics] of this.left) {
      if (topics.has(topic)) throw new Error(`the in-process bus cannot deliver ${topic}: consumer ${group} has stopped`);
    }
  }

  /** Lets messages flow; called once every service has subscribed. */
  open(): void {
    this.opened();
  }

  /** Messages published and not yet handled by every group (the embedded "consumer lag"). */
  lag(): number {
    return this.waiting;
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    for (const topic of byTopic.keys()) this.refuseIfLeft(topic);
    this.waiting += messages.length;
    try {
      await this.openPromise;
      await Promise.all(
        [...byTopic].map(([topic, list]) => {
          const previous = this.chains.get(topic) ?? Promise.resolve();
          const next = previous.then(() => this.deliver(topic, list));
          this.chains.set(topic, next.catch(() => undefined));
          return next;
        }),
      );
    } finally {
      this.waiting -= messages.length;
    }
  }

  private async deliver(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.refuseIfLeft(topic);
    const handlers = [...(this.groups.get(topic)?.values() ?? [])];
    for (const handler of handlers) await handler(messages);
  }

  async close(): Promise<void> {
    await Promise.all(this.chains.values());
  }
}
