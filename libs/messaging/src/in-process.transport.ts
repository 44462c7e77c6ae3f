import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { InProcessBus } from './in-process.bus.js';
import { runHandler } from './run-handler.js';
import { consumeInSpans } from './message-tracing.js';

/** The context handed to `@EventPattern` handlers in embedded mode: [topic]. */
export class InProcessContext extends BaseRpcContext<[string]> {}

/** A message's JSON, or the raw string when it is not JSON (the inbox dead-letters it). */
export const parseMessage = (value: string | null | undefined): unknown => {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, JSON.parse(null) is null and JSON.parse(undefined) throws (then the value is answered)
  if (value === null || value === undefined) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/**
 * A NestJS custom transport over the in-process bus, so the same `@EventPattern` handlers run
 * on Kafka (distributed) and in one process (embedded). Each app is one consumer group; a
 * handler receives a batch (an array of message payloads) of one topic, in order.
 */
export class InProcessTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: InProcessBus,
    private readonly group: string,
  ) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      this.bus.subscribeBatch(this.group, pattern, async (messages) => {
        const payloads = messages.map((m) => parseMessage(m.value));
        await consumeInSpans(pattern, messages, () => runHandler(handler, payloads, new InProcessContext([pattern])));
      });
    }
    callback();
  }

  close(): void {
    this.bus.unsubscribeGroup(this.group);
  }

  on(): void {
    // No broker events in one process.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
