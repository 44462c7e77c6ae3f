import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { extractTraceContext, hasTrace, inSpan, SpanKind } from '#libs/trace-context';
import { FeedProjection, type FeedEntry } from '../feed/feed.projection.js';
import { DeliveryRecorder } from '../lifecycle/delivery-recorder.js';
import { backoffMs, WEBHOOK_CONFIG, type WebhookConfig } from './webhook.config.js';
import { deliver, type DeliveryOutcome } from './webhook.delivery.js';
import { countAttempt } from './webhook.metrics.js';
import { cursorOf, WebhookSubscriptions, type WebhookSubscription } from './webhook-subscriptions.js';

/** How long a claim holds: well above one request's timeout, so a live worker never loses it mid-request. */
const LEASE_MS = 30_000;
/** Entries one subscription may deliver in one pass, so a pass stays short. */
const PER_PASS = 50;

/**
 * Delivers each organisation's feed entries to its webhook, in feed order, one at a time: entry
 * n+1 is not sent before n got a 2xx. A failure waits (exponential backoff) and retries the same
 * entry, for ever. The cursor lives in the store, so a restart resumes where delivery stopped.
 * At least once: a crash after the receiver's 2xx but before the cursor moved resends that
 * entry, so receivers dedupe by x-results-event-id.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** When this process first saw each pending head entry (eventId → epoch ms); see settled(). */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly feed: FeedProjection,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
    private readonly deliveries: DeliveryRecorder,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running;
  }

  /** Starts a pass unless one is running (the next tick picks up what it missed). */
  kick(): void {
    if (this.running || this.stopping.signal.aborted) return;
    this.running = this.pass()
      .catch((error: unknown) => this.logger.error(`webhook pass failed: ${(error as Error)?.stack ?? String(error)}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** One pass: every due subscription, side by side (a slow receiver delays only its own organisation). */
  async pass(): Promise<void> {
    const due = await this.subscriptions.due(this.now());
    await Promise.all(due.map((s) => this.drain(s)));
  }

  /**
   * Delivers the settled entries after the cursor, in order, at most PER_PASS. The whole page
   * starts its settle clock at once, so a busy organisation gets up to PER_PASS entries a pass
   * (one entry a pass before: about one a second, 100 shares took 100 s to reach a webhook).
   */
  private async drain(seen: WebhookSubscription): Promise<void> {
    const page = await this.feed.read(seen._id, cursorOf(seen), PER_PASS);
    const settled = page.map((entry) => this.settled(entry));
    const ready = page.slice(0, settled.includes(false) ? settled.indexOf(false) : page.length);
    if (ready.length === 0) return;
    const lease = randomUUID();
    if (!(await this.subscriptions.claim(seen, lease, this.now() + LEASE_MS))) return;
    for (const entry of ready) {
      const outcome = await this.send(seen, entry);
      countAttempt(this.infra.serviceName, outcome);
      if (outcome.aborted) return this.subscriptions.release(seen._id, lease);
      const last = { at: new Date(this.now()).toISOString(), status: outcome.status };
      if (!outcome.delivered) {
        const attempts = seen.attempts + 1;
        const why = outcome.refused ? `refused: ${outcome.refused}` : `status ${outcome.status}`;
        this.logger.warn(`webhook of ${seen._id}: ${entry.envelope.eventId} failed (${why}, attempt ${attempts})`);
        return this.subscriptions.failed(seen._id, lease, attempts, this.now() + backoffMs(this.config, attempts), last);
      }
      this.firstSeen.delete(entry._id);
      // The receiver has the share (2xx): ShareDelivered, without holding up the next entry.
      this.deliveries.record([entry.envelope], 'webhook');
      // Lost the claim (subscription deleted or taken over after a lapse): stop, the holder goes on.
      if (!(await this.subscriptions.delivered(seen._id, lease, entry.position, last, this.now() + LEASE_MS))) return;
      seen = { ...seen, attempts: 0 };
      if (this.stopping.signal.aborted) break;
    }
    return this.subscriptions.release(seen._id, lease);
  }

  private async send(subscription: WebhookSubscription, entry: FeedEntry): Promise<DeliveryOutcome> {
    let secret: string;
    try {
      secret = this.subscriptions.secretOf(subscription);
    } catch (error) {
      this.logger.error(`webhook of ${subscription._id}: ${(error as Error).message}`);
      return { delivered: false, status: 0 };
    }
    const send = () =>
      deliver(subscription.url, secret, entry.envelope, {
        timeoutMs: this.config.timeoutMs,
        stopping: this.stopping.signal,
        now: () => this.now(),
        allowPrivate: this.config.allowPrivateAddresses,
      });
    // Each attempt is a span in the trace the event was appended in; the request carries it on (traceparent).
    const parent = extractTraceContext(entry.trace);
    if (!hasTrace(parent)) return send();
    const attributes = { 'results.event.id': entry.envelope.eventId, 'results.event.type': entry.envelope.type, 'results.organisation.id': subscription._id };
    return inSpan('webhook deliver', { kind: SpanKind.CLIENT, attributes }, parent, async (span) => {
      const outcome = await send();
      span.setAttribute('http.response.status_code', outcome.status);
      if (!outcome.delivered) span.setStatus({ code: 2, message: outcome.refused ?? `status ${outcome.status}` });
      return outcome;
    });
  }

  /**
   * The feed serves only entries below its horizon (FeedProjection.horizon: nothing can appear
   * behind them any more); on top of that an entry is sent only once it has been visible for
   * settleMs (WEBHOOK_SETTLE_MS), a second guard kept from the counter feed.
   */
  private settled(entry: FeedEntry): boolean {
    const now = this.now();
    const since = this.firstSeen.get(entry._id);
    if (since !== undefined) return now - since >= this.config.settleMs;
    if (this.firstSeen.size > 10_000) this.firstSeen.clear();
    this.firstSeen.set(entry._id, now);
    return this.config.settleMs === 0;
  }

  private now(): number {
    return this.infra.clock.now().getTime();
  }
}
