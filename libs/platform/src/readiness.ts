/**
 * Readiness that tells the truth: a service is ready when its database answers and it has caught
 * up with its work (the outbox relay has nothing pending, its consumers have no lag). Other code
 * registers probes into the service's {@link ReadinessRegistry}; the rules live in the pure
 * {@link decideReadiness}, testable without NestJS.
 */

/** What a probe reports: how much work is waiting (events not yet relayed, messages not yet consumed). */
export interface ProbeReport {
  backlog: number;
  /** The backlog per Kafka topic (consumer lag), exported as `consumer_lag{service,topic}`. */
  topics?: Record<string, number>;
  /** Anything useful to an operator, shown in the health body. */
  detail?: Record<string, unknown>;
}

export type ReadinessProbe = () => Promise<ProbeReport>;

/** One probe's answer, or why it gave none (threw, timed out, reported nonsense). */
export type ProbeOutcome = { ok: true; report: ProbeReport } | { ok: false; error: string };

/** Well-known probe names: the metrics map them to `outbox_backlog` and `consumer_lag`. */
export const OUTBOX_PROBE = 'outbox';
export const CONSUMER_LAG_PROBE = 'consumer-lag';

/** Once ready, a service stays ready while every probe's backlog stays under this. */
export const DEFAULT_READY_THRESHOLD = 1_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

export interface ReadinessInput {
  /** The decision before this one (false after a start). */
  wasReady: boolean;
  databaseUp: boolean;
  databaseError?: string;
  probes: Record<string, ProbeOutcome>;
  threshold: number;
}

export interface ReadinessDecision {
  ready: boolean;
  /** What keeps the service from being ready, by indicator ('database' or a probe's name). */
  blocking: Record<string, string>;
}

/**
 * Ready when the database answers and every probe reports a backlog of 0. Once ready, a burst
 * does not flap it: it stays ready while the database answers and every backlog stays under
 * `threshold`. A probe that fails, or the database going away, makes it not ready, and then it
 * must reach 0 again.
 */
export function decideReadiness(input: ReadinessInput): ReadinessDecision {
  const blocking: Record<string, string> = {};
  if (!input.databaseUp) blocking.database = input.databaseError ?? 'the database does not answer';
  for (const [name, outcome] of Object.entries(input.probes)) {
    if (!outcome.ok) {
      blocking[name] = `probe failed: ${outcome.error}`;
      continue;
    }
    const { backlog } = outcome.report;
    if (backlog === 0) continue;
    if (input.wasReady && backlog < input.threshold) continue;
    blocking[name] = input.wasReady
      ? `backlog ${backlog} reached the threshold of ${input.threshold}`
      : `backlog ${backlog}, not caught up since the start`;
  }
  return { ready: Object.keys(blocking).length === 0, blocking };
}

export interface ReadinessReport {
  service: string;
  ready: boolean;
  database: { up: boolean; error?: string };
  /** Each probe's backlog; null when the probe failed. */
  backlog: Record<string, number | null>;
  probes: Record<string, ProbeOutcome>;
  blocking: Record<string, string>;
  threshold: number;
  checkedAt: string;
}

export interface ReadinessOptions {
  /** Whether the service's database answers (throws when it does not). */
  database: () => Promise<unknown>;
  threshold?: number;
  probeTimeoutMs?: number;
  now?: () => number;
}

/**
 * The readiness probes of one service (one per app: embedded mode has several in a process).
 * Provided by PlatformModule; inject it and `register` a probe:
 * `registry.register(OUTBOX_PROBE, async () => ({ backlog: await relay.backlog() }))`.
 */
export class ReadinessRegistry {
  readonly threshold: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;
  private readonly probes = new Map<string, ReadinessProbe>();
  private wasReady = false;
  private inFlight: Promise<ReadinessReport> | null = null;
  private last: { at: number; report: ReadinessReport } | null = null;

  constructor(
    readonly serviceName: string,
    private readonly options: ReadinessOptions,
  ) {
    this.threshold = options.threshold ?? DEFAULT_READY_THRESHOLD;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** Adds a probe; returns a function that removes it. A name is registered once. */
  register(name: string, probe: ReadinessProbe): () => void {
    if (name === 'database') throw new Error('"database" is the registry\'s own check');
    if (this.probes.has(name))
      throw new Error(`a readiness probe named "${name}" is already registered for ${this.serviceName}`);
    this.probes.set(name, probe);
    return () => {
      if (this.probes.get(name) === probe) this.probes.delete(name);
    };
  }

  names(): string[] {
    return [...this.probes.keys()];
  }

  /** Whether the last check found the service ready. */
  get ready(): boolean {
    return this.wasReady;
  }

  /** Asks the database and every probe (concurrent callers share one round). */
  check(): Promise<ReadinessReport> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The last report when it is younger than `maxAgeMs`, otherwise a fresh check (for metrics scrapes). */
  async current(maxAgeMs = 1_000): Promise<ReadinessReport> {
    if (this.last && this.now() - this.last.at < maxAgeMs) return this.last.report;
    return this.check();
  }

  private async run(): Promise<ReadinessReport> {
    const entries = [...this.probes.entries()];
    const [database, ...outcomes] = await Promise.all([
      withTimeout(this.options.database(), this.probeTimeoutMs, 'database').then(
        () => ({ up: true }) as const,
        (error: unknown) => ({ up: false, error: messageOf(error) }) as const,
      ),
      ...entries.map(([name, probe]) => runProbe(name, probe, this.probeTimeoutMs)),
    ]);
    const probes = Object.fromEntries(entries.map(([name], i) => [name, outcomes[i]]));
    const decision = decideReadiness({
      wasReady: this.wasReady,
      databaseUp: database.up,
      ...(database.up ? {} : { databaseError: database.error }),
      probes,
      threshold: this.threshold,
    });
    this.wasReady = decision.ready;
    const report: ReadinessReport = {
      service: this.serviceName,
      ready: decision.ready,
      database,
      backlog: Object.fromEntries(
        Object.entries(probes).map(([name, o]) => [name, o.ok ? o.report.backlog : null]),
      ),
      probes,
      blocking: decision.blocking,
      threshold: this.threshold,
      checkedAt: new Date(this.now()).toISOString(),
    };
    this.last = { at: this.now(), report };
    return report;
  }
}

async function runProbe(name: string, probe: ReadinessProbe, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    const report = await withTimeout(Promise.resolve().then(probe), timeoutMs, name);
    if (
      !report ||
      typeof report.backlog !== 'number' ||
      !Number.isFinite(report.backlog) ||
      report.backlog < 0
    ) {
      return { ok: false, error: `reported an invalid backlog (${String(report?.backlog)})` };
    }
    return { ok: true, report };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The JSON body of `/health` and `/health/ready`: terminus-style indicators plus `ready` and `backlog`. */
export interface HealthBody {
  status: 'ok' | 'error';
  service: string;
  ready: boolean;
  backlog: Record<string, number | null>;
  info: Record<string, Record<string, unknown>>;
  error: Record<string, Record<string, unknown>>;
  details: Record<string, Record<string, unknown>>;
}

/**
 * `/health` is ok while the database answers; `/health/ready` is ok while the service is ready.
 * Both carry the same indicators: the database and each probe, down when it keeps the service
 * from being ready.
 */
export function healthBody(report: ReadinessReport, endpoint: 'health' | 'ready'): HealthBody {
  const details: Record<string, Record<string, unknown>> = {
    database: report.database.up ? { status: 'up' } : { status: 'down', message: report.database.error },
  };
  for (const [name, outcome] of Object.entries(report.probes)) {
    const base: Record<string, unknown> = outcome.ok
      ? {
          backlog: outcome.report.backlog,
          ...(outcome.report.topics ? { topics: outcome.report.topics } : {}),
          ...(outcome.report.detail ?? {}),
        }
      : { backlog: null };
    const blocking = report.blocking[name];
    details[name] =
      blocking === undefined ? { status: 'up', ...base } : { status: 'down', ...base, message: blocking };
  }
  const info: Record<string, Record<string, unknown>> = {};
  const error: Record<string, Record<string, unknown>> = {};
  for (const [name, indicator] of Object.entries(details))
    (indicator.status === 'up' ? info : error)[name] = indicator;
  const ok = endpoint === 'health' ? report.database.up : report.ready;
  return {
    status: ok ? 'ok' : 'error',
    service: report.service,
    ready: report.ready,
    backlog: report.backlog,
    info,
    error,
    details,
  };
}
