import type { MessageHandler } from '@nestjs/microservices';
import type { Observable } from 'rxjs';

/** Calls a NestJS message handler and waits for it, whether it answers a promise or an observable. */
export async function runHandler(handler: MessageHandler, data: unknown, context: unknown): Promise<void> {
  const result: unknown = await handler(data, context);
  if (result && typeof (result as { subscribe?: unknown }).subscribe === 'function') {
    await new Promise<void>((resolve, reject) =>
      (result as Observable<unknown>).subscribe({ complete: resolve, error: reject }),
    );
  }
}
