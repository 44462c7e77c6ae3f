import type { MessagePublisher, OutgoingMessage } from './message-publisher.port.js';

export type BusHandler = (message: OutgoingMessage) => Promise<void>;

/**
 * Kafka's stand-in for the embedded mode: topics and consumer groups inside one process.
 * `publish` resolves once every subscribed group has handled the message, so the outbox marks an
 * event published only after delivery; a crash before that re-delivers it on restart.
 * Messages published before `open()` wait, so no consumer misses what a relay sends at boot.
 */
export class InProcessBus implements MessagePublisher {
  private readonly groups = new Map<string, Map<string, BusHandler>>();
  private opened!: () => void;
  private readonly openPromise = new Promise<void>((resolve) => (this.opened = resolve));
  // One chain per topic keeps delivery ordered, as a Kafka partition would.
  private readonly chains = new Map<string, Promise<void>>();

  subscribe(group: string, topic: string, handler: BusHandler): void {
    const handlers = this.groups.get(topic) ?? new Map<string, BusHandler>();
    handlers.set(group, handler);
    this.groups.set(topic, handlers);
  }

  unsubscribeGroup(group: string): void {
    for (const handlers of this.groups.values()) handlers.delete(group);
  }

  /** Lets messages flow; called once every service has subscribed. */
  open(): void {
    this.opened();
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await this.openPromise;
    for (const message of messages) {
      const previous = this.chains.get(message.topic) ?? Promise.resolve();
      const next = previous.then(() => this.deliver(message));
      this.chains.set(message.topic, next.catch(() => undefined));
      await next;
    }
  }

  private async deliver(message: OutgoingMessage): Promise<void> {
    const handlers = [...(this.groups.get(message.topic)?.values() ?? [])];
    for (const handler of handlers) await handler(message);
  }

  async close(): Promise<void> {
    await Promise.all(this.chains.values());
  }
}
