import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or the time runs out: for outcomes that travel through
 * Kafka or an outbox relay and so are visible only "within a moment".
 */
export async function expectEventually<T>(
  assertion: () => Promise<T> | T,
  { timeoutMs = 10_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
