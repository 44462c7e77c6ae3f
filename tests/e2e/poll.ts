import { setTimeout as sleep } from 'node:timers/promises';
import { narrowing, positiveNumber } from './switches.js';

/**
 * How long a client may have to wait (product.md and issue 7): distributed mode is consistent
 * within a minute of a first boot with the full seed and within 15 s of a restart on existing
 * data, both counted from the gateway's first `/health` 200; after that, "a client that polls sees
 * it within a second". E2E_BUDGET_SCALE stretches all three, only to diagnose a slow build by
 * hand (CI leaves it unset).
 */
const scale = positiveNumber('E2E_BUDGET_SCALE', 1);
if (scale > 1) narrowing('E2E_BUDGET_SCALE', String(scale), `every budget ${scale} times longer than product.md promises`);
export const FIRST_BOOT_SETTLE_MS = 60_000 * scale;
export const RESTART_SETTLE_MS = 15_000 * scale;
export const PROPAGATION_MS = 1_000 * scale;

/**
 * 4 polls a second, well under the gateway's per-address limits (GATEWAY_RATE_LIMIT, 6000 a
 * minute per route; GATEWAY_GUESS_LIMIT, 60 a minute on the guessable routes: register, login,
 * refresh, password reset, invitations, verification).
 */
export const POLL_INTERVAL_MS = 250;

/**
 * Identity also counts attempts per account, shared by every address: 10 registrations per ID
 * Number and 10 failed log-ins per account in 15 minutes, 5 reset requests per address. A poll of
 * those routes makes at most this many attempts for one key, spread over its budget.
 */
export const MAX_ATTEMPTS_PER_ACCOUNT = 8;
export const MAX_RESET_REQUESTS = 4;

/**
 * The deadlines of one system's life: until `settleMs` after the gateway's first `/health` 200
 * (or a restart) every check may wait until then; later, each check has PROPAGATION_MS.
 */
export class Budgets {
  private settledBy: number;

  constructor(settleMs: number, healthyAt = Date.now()) {
    this.settledBy = healthyAt + settleMs;
  }

  /** A process or the whole system was restarted and answered /health at `healthyAt`. */
  restarted(healthyAt = Date.now(), settleMs = RESTART_SETTLE_MS): void {
    this.settledBy = Math.max(this.settledBy, healthyAt + settleMs);
  }

  /** The deadline for a check that starts now. */
  deadline(): number {
    return Math.max(this.settledBy, Date.now() + PROPAGATION_MS);
  }

  /** The end of the settle window (the first-boot or restart target). */
  get settleDeadline(): number {
    return this.settledBy;
  }
}

/** What a poll looks at: an HTTP answer (supertest's response, or the bench client's). */
export interface Answer {
  status: number;
  body?: unknown;
  text?: string;
}

export interface PollOptions<T> {
  /** Names the check in failures. */
  what: string;
  /** Give up after this time (epoch ms); one last attempt is made at the deadline. */
  deadline: number;
  /**
   * The answers that mean "not there yet": a 4xx (e.g. 404 before a recipient reaches sharing),
   * or 503 from a readiness endpoint, whose "not ready" is that answer. Never 429.
   */
  retryOn?: readonly number[];
  /** For a 2xx answer: the value to return, or undefined to keep polling (e.g. a list without the item yet). */
  accept?: (answer: Answer) => T | undefined;
  /** Routes that count attempts per account: never more attempts than this. */
  maxAttempts?: number;
  intervalMs?: number;
}

/** A poll failed: a fault, a rate limit or an unexpected answer. */
export class PollError extends Error {}
/** A poll ran out of time or attempts while the answers still said "not yet". */
export class PollTimeout extends PollError {}

const describe = (a: Answer): string => {
  const text = a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body));
  return `${a.status} ${text.slice(0, 300)}`;
};

/**
 * Polls `request` until `accept` takes a 2xx answer. A 5xx fails at once (a fault is not "not
 * yet"), and so does a 429 (the poller is hammering a rate-limited route) and any 4xx, unless
 * `retryOn` lists it. With `maxAttempts`, the waits grow from `intervalMs` so that the attempts last
 * until the deadline.
 */
export async function poll<T = Answer>(request: () => PromiseLike<Answer>, options: PollOptions<T>): Promise<T> {
  const interval = options.intervalMs ?? POLL_INTERVAL_MS;
  const accept = options.accept ?? ((a: Answer) => a as unknown as T);
  const retryOn = options.retryOn ?? [];
  const started = Date.now();
  let last: Answer | undefined;
  for (let attempt = 1; ; attempt++) {
    const answer = await request();
    last = answer;
    if (answer.status === 429) {
      throw new PollError(`${options.what}: 429 while polling (attempt ${attempt}): the poller is hammering a rate-limited route: ${describe(answer)}`);
    }
    if (answer.status >= 500 && !retryOn.includes(answer.status)) {
      throw new PollError(`${options.what}: ${describe(answer)} while polling (attempt ${attempt})`);
    }
    if (answer.status >= 200 && answer.status < 300) {
      const value = accept(answer);
      if (value !== undefined) return value;
    } else if (!retryOn.includes(answer.status)) {
      throw new PollError(`${options.what}: unexpected ${describe(answer)} (attempt ${attempt})`);
    }
    const now = Date.now();
    const left = options.maxAttempts === undefined ? Infinity : options.maxAttempts - attempt;
    if (now >= options.deadline || left <= 0) break;
    const remaining = options.deadline - now;
    const wait = left === Infinity ? interval : Math.max(interval, Math.min(interval * 2 ** (attempt - 1), remaining / left));
    await sleep(Math.min(wait, remaining));
  }
  throw new PollTimeout(
    `${options.what}: not there after ${Date.now() - started} ms (budget ${options.deadline - started} ms); last answer ${last ? describe(last) : 'none'}`,
  );
}
