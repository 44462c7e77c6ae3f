import type { ServiceName } from '../gateway.config.js';

/** What the gateway got from one service's `/health` or `/health/ready`. */
export type ServiceAnswer = { httpStatus: number; body: unknown } | { error: string };

export interface ServiceHealth {
  /** 'up': the endpoint answered 200. */
  status: 'up' | 'down';
  /** The service's own readiness, from its body (false when unknown). */
  ready: boolean;
  /** Each readiness probe's backlog (outbox, consumer lag), from its body. */
  backlog: Record<string, number | null>;
  httpStatus?: number;
  /** Why it is down or not ready. */
  error?: string;
  /** Its instances: how many the gateway knows, how many are up (answered 200) and how many are ready. */
  instances?: { total: number; up: number; ready: number };
}

export interface GatewayHealth {
  status: 'ok' | 'error';
  /** Every service is ready. */
  ready: boolean;
  services: Record<string, ServiceHealth>;
}

interface ServiceBody {
  ready?: unknown;
  backlog?: unknown;
  error?: unknown;
}

function summarise(answer: ServiceAnswer, endpoint: 'health' | 'ready'): ServiceHealth {
  if ('error' in answer) return { status: 'down', ready: false, backlog: {}, error: answer.error };
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as ServiceBody;
  const up = answer.httpStatus === 200;
  // /health/ready's status is the readiness; /health's body says it (absent: an older service).
  const ready = endpoint === 'ready' ? up : up && body.ready === true;
  const backlog: Record<string, number | null> = {};
  if (typeof body.backlog === 'object' && body.backlog !== null) {
    for (const [name, value] of Object.entries(body.backlog)) backlog[name] = typeof value === 'number' ? value : null;
  }
  const summary: ServiceHealth = { status: up ? 'up' : 'down', ready, backlog, httpStatus: answer.httpStatus };
  const blocking = typeof body.error === 'object' && body.error !== null ? Object.entries(body.error as Record<string, { message?: unknown }>) : [];
  if (!up || !ready) {
    summary.error =
      blocking.length > 0
        ? blocking.map(([name, indicator]) => `${name}: ${typeof indicator?.message === 'string' ? indicator.message : 'down'}`).join('; ')
        : `HTTP ${answer.httpStatus}`;
  }
  return summary;
}

/** A service over its instances: the best instance's answer (ready, else up, else the first), with the counts. */
function overInstances(answers: readonly ServiceAnswer[], endpoint: 'health' | 'ready'): ServiceHealth {
  const summaries = answers.map((answer) => summarise(answer, endpoint));
  const best = summaries.find((s) => s.ready) ?? summaries.find((s) => s.status === 'up') ?? summaries[0];
  if (!best) return { status: 'down', ready: false, backlog: {}, error: 'no instance known', instances: { total: 0, up: 0, ready: 0 } };
  if (answers.length === 1) return best;
  const count = (ok: (s: ServiceHealth) => boolean) => summaries.filter(ok).length;
  return { ...best, instances: { total: summaries.length, up: count((s) => s.status === 'up'), ready: count((s) => s.ready) } };
}

/**
 * The gateway's health over the services' answers (one per instance). `/health` ('health'): ok
 * while every service has an instance whose /health is 200 (its database answers), each service's
 * readiness and backlog reported. `/health/ready` ('ready'): ok only when every service has an
 * instance whose /health/ready is 200.
 */
export function aggregateHealth(
  answers: Partial<Record<ServiceName, ServiceAnswer | readonly ServiceAnswer[]>>,
  endpoint: 'health' | 'ready',
): GatewayHealth {
  const services: Record<string, ServiceHealth> = {};
  for (const [name, answer] of Object.entries(answers)) services[name] = overInstances(Array.isArray(answer) ? answer : [answer as ServiceAnswer], endpoint);
  const all = Object.values(services);
  const up = all.every((s) => s.status === 'up');
  const ready = all.every((s) => s.ready);
  return { status: (endpoint === 'health' ? up : ready) ? 'ok' : 'error', ready, services };
}

/** Asks one service's health endpoint; a timeout or refused connection is an answer too. */
export async function askService(baseUrl: string, path: '/health' | '/health/ready', timeoutMs = 3_000): Promise<ServiceAnswer> {
  try {
    const r = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await r.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { httpStatus: r.status, body };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
