import type { InstanceState } from './upstream-instance.js';

/** The balancer's checks say who they are (services' logs, test stand-ins can tell them from forwarded calls). */
export const PROBE_USER_AGENT = 'results-gateway/instance-check';

/** Asks one instance's internal /health/ready: 200 is ready, any other answer alive, none (refused, timed out) down. */
export async function probeInstance(internalUrl: string, timeoutMs: number): Promise<Exclude<InstanceState, 'unknown'>> {
  try {
    const r = await fetch(`${internalUrl}/health/ready`, { headers: { 'user-agent': PROBE_USER_AGENT }, signal: AbortSignal.timeout(timeoutMs) });
    await r.arrayBuffer();
    return r.status === 200 ? 'ready' : 'alive';
  } catch {
    return 'down';
  }
}
