import { stat } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { configuredInstances, GATEWAY_CONFIG, type GatewayConfig, type ServiceName, type UpstreamAddress } from '../gateway.config.js';
import { probeInstance } from './instance-probe.js';
import { newInstance, type InstanceState, type UpstreamInstance } from './upstream-instance.js';
import { expandByDns, readUpstreamsFile } from './upstream-sources.js';

const SERVICES: readonly ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
const DNS_EVERY_MS = 5_000;

// The order the balancer takes instances in: the ready ones; else those that answer (catching up
// after a start: refusing the whole API then would be worse than today's single instance) or were
// never asked; else the ones found down (the connection decides, and a refusal is retried once).
const TIERS: readonly (readonly InstanceState[])[] = [['ready'], ['alive', 'unknown'], ['down']];

/**
 * Every service's instances and what the gateway last learnt of each: a background check asks
 * each instance's internal /health/ready every second, and the configured URLs are re-expanded
 * (UPSTREAMS_FILE every second, host names through DNS every 5 s). The proxy picks round robin
 * among the ready ones. Stateless beyond this cache: any number of gateways can run side by side.
 */
@Injectable()
export class UpstreamPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Upstreams');
  private readonly byService = new Map<ServiceName, UpstreamInstance[]>();
  private readonly turn = new Map<ServiceName, number>();
  private readonly checkEveryMs: number;
  private fileAddresses: Partial<Record<ServiceName, UpstreamAddress[]>> = {};
  private fileStamp = '';
  private dnsAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.checkEveryMs = config.discovery?.checkIntervalMs ?? 1_000;
    for (const name of SERVICES) {
      this.byService.set(
        name,
        configuredInstances(config, name).map((a) => newInstance(name, a.url, a.internalUrl)),
      );
    }
  }

  onModuleInit(): void {
    void this.loop();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A service's instances as last learnt (a copy of the list; the states are live). */
  instances(service: ServiceName): readonly UpstreamInstance[] {
    return [...(this.byService.get(service) ?? [])];
  }

  /** The next instance to send to, round robin within the best tier (see TIERS); null when it has none left but `exclude`. */
  pick(service: ServiceName, exclude: ReadonlySet<string> = new Set()): UpstreamInstance | null {
    const all = (this.byService.get(service) ?? []).filter((i) => !exclude.has(i.url));
    for (const tier of TIERS) {
      const candidates = all.filter((i) => tier.includes(i.state));
      if (candidates.length === 0) continue;
      const turn = this.turn.get(service) ?? 0;
      this.turn.set(service, turn + 1);
      return candidates[turn % candidates.length] ?? null;
    }
    return null;
  }

  /** A refused or reset connection: skipped until the next check finds it ready again. */
  markDown(instance: UpstreamInstance): void {
    if (instance.state !== 'down') this.logger.warn(`${instance.service} instance ${instance.url} refused a connection: skipped until it answers again`);
    instance.state = 'down';
  }

  /** One round: learn the instances again, then ask each one's /health/ready. */
  async checkNow(): Promise<void> {
    await this.discover();
    const all = SERVICES.flatMap((name) => this.byService.get(name) ?? []);
    // Longer than a service's own probe timeout (2 s): a slow probe answers 503 (alive), not nothing (down).
    const timeout = Math.max(500, Math.min(3_000, this.checkEveryMs * 3));
    await Promise.all(
      all.map(async (instance) => {
        const state = await probeInstance(instance.internalUrl, timeout);
        const was = instance.state;
        instance.state = state;
        // Not yet up at the gateway's own start is no news; gone and back are.
        if (state === 'down' && was !== 'down' && was !== 'unknown') this.logger.warn(`${instance.service} instance ${instance.url} stopped answering: skipped`);
        if (was === 'down' && state !== 'down') this.logger.log(`${instance.service} instance ${instance.url} answers again (${state})`);
      }),
    );
  }

  private async loop(): Promise<void> {
    try {
      await this.checkNow();
    } catch (error) {
      this.logger.error(`upstream check failed: ${(error as Error).message}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), this.checkEveryMs);
    this.timer.unref();
  }

  /** The configured URLs, replaced per service by UPSTREAMS_FILE's lists, host names expanded by DNS. */
  private async discover(): Promise<void> {
    const fileChanged = await this.readFileIfChanged();
    const dnsDue = this.config.discovery?.dns !== false && Date.now() - this.dnsAt >= DNS_EVERY_MS;
    if (!fileChanged && !dnsDue) return;
    if (dnsDue) this.dnsAt = Date.now();
    for (const name of SERVICES) {
      const addresses = this.fileAddresses[name] ?? configuredInstances(this.config, name);
      const expanded = this.config.discovery?.dns === false ? addresses : (await Promise.all(addresses.map(expandByDns))).flat();
      this.replace(name, expanded);
    }
  }

  /** Keeps what is known of instances still listed; new ones start `unknown`, behind the ready ones. */
  private replace(name: ServiceName, addresses: UpstreamAddress[]): void {
    const known = new Map((this.byService.get(name) ?? []).map((i) => [i.url, i]));
    const next: UpstreamInstance[] = [];
    for (const address of addresses) {
      const fresh = newInstance(name, address.url, address.internalUrl);
      if (next.some((i) => i.url === fresh.url)) continue;
      const existing = known.get(fresh.url);
      next.push(existing && existing.internalUrl === fresh.internalUrl ? existing : fresh);
    }
    const before = [...known.keys()].sort().join(' ');
    const after = next.map((i) => i.url).sort().join(' ');
    if (before !== after) this.logger.log(`${name} instances: ${after || 'none'}`);
    this.byService.set(name, next);
  }

  /** Re-reads UPSTREAMS_FILE when its time or size changed; a bad file is reported and the last good lists kept. */
  private async readFileIfChanged(): Promise<boolean> {
    const path = this.config.discovery?.file;
    if (!path) return false;
    let stamp: string;
    try {
      const info = await stat(path);
      stamp = `${info.mtimeMs}:${info.size}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.fileStamp) return false;
    this.fileStamp = stamp;
    if (stamp === 'missing') {
      this.fileAddresses = {};
      return true;
    }
    try {
      this.fileAddresses = await readUpstreamsFile(path);
    } catch (error) {
      this.logger.error(`UPSTREAMS_FILE ignored, the last good lists kept: ${(error as Error).message}`);
      return false;
    }
    return true;
  }
}
