import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { InProcessBus } from './in-process.bus.js';

/** The context handed to `@EventPattern` handlers in embedded mode: [topic, key, headers]. */
export class InProcessContext extends BaseRpcContext<[string, string, Record<string, string>]> {}

/**
 * A NestJS custom transport over the in-process bus, so the same `@EventPattern` handlers run
 * on Kafka (distributed) and in one process (embedded). Each app is one consumer group.
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
      this.bus.subscribe(this.group, pattern, async (message) => {
        let data: unknown = message.value;
        try {
          data = JSON.parse(message.value);
        } catch {
          // Handed on as the raw string: the consumer's validation dead-letters it.
        }
        const stream = await handler(data, new InProcessContext([message.topic, message.key, message.headers ?? {}]));
        if (stream && typeof (stream as { subscribe?: unknown }).subscribe === 'function') {
          await new Promise<void>((resolve, reject) =>
            (stream as import('rxjs').Observable<unknown>).subscribe({ complete: resolve, error: reject }),
          );
        }
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
