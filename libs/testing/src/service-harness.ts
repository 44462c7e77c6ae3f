import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import request from 'supertest';
import { validateEnvelope, type IntegrationEnvelope, type KnownEnvelope } from '#libs/contracts';
import type { Clock } from '#libs/event-store';
import { InProcessBus } from '#libs/messaging';
import type { RunningService, ServiceInfrastructure, StartOptions } from '#libs/platform';
import { messageOf } from './envelopes.js';
import { TestTokenIssuer } from './token-issuer.js';

export interface ServiceHarnessOptions {
  /** The service's name: its consumer group and its folder under the data directory. */
  name: string;
  /** Builds the service's module; called at every boot, so what it reads may change between boots. */
  module: (infra: ServiceInfrastructure) => DynamicModule;
  /** Whether its `@EventPattern` handlers consume from the bus (default true). */
  consumes?: boolean;
  internalRoutes?: StartOptions['internalRoutes'];
  /** Where the service fetches the keys that verify tokens; default: a TestTokenIssuer the harness starts. */
  jwksUrl?: (harness: ServiceHarness) => string;
  /** Default: a fresh temporary directory, removed at close. A given one is kept (restart over its data). */
  dataDir?: string;
  /** Default: the system clock. */
  clock?: Clock;
  /** The portal's base URL, for links in e-mails. */
  publicUrl?: string;
  /** Anything else the test started for the service (a fake peer), stopped at close. */
  onClose?: () => Promise<void>;
}

/**
 * One service booted as `npm start` would boot it (embedded adapters: a file store under a data
 * directory, the in-process bus, e-mail as .eml files), for its unit tests. The bus opens after the
 * first boot; `feed` delivers an envelope as Kafka would. Each service's test/<name>.harness.ts adds
 * only what is its own.
 */
export class ServiceHarness {
  readonly bus = new InProcessBus();
  dataDir = '';
  private tokenIssuer: TestTokenIssuer | null = null;
  private running: { infra: ServiceInfrastructure; service: RunningService } | null = null;
  private probes = 0;

  constructor(readonly options: ServiceHarnessOptions) {}

  /** Starts the service (and a token issuer unless it verifies tokens elsewhere), then opens the bus. */
  async start(): Promise<this> {
    this.dataDir = this.options.dataDir ?? (await mkdtemp(join(tmpdir(), `${this.options.name}-`)));
    if (!this.options.jwksUrl) this.tokenIssuer = await TestTokenIssuer.start();
    await this.boot();
    this.bus.open();
    return this;
  }

  /** Boots the service over the data directory; if it fails to boot, its store is closed again. */
  async boot(): Promise<void> {
    // Loaded here, not at the top: the rest of libs/testing stays free of NestJS and the adapters.
    const { embeddedInfrastructure, startService } = await import('#libs/platform');
    const { jwksUrl } = this.options;
    const infra = await embeddedInfrastructure(this.options.name, {
      dataDir: this.dataDir,
      bus: this.bus,
      jwksUrl: jwksUrl ? () => jwksUrl(this) : () => this.issuer.jwksUrl,
      publicUrl: this.options.publicUrl ?? 'http://localhost:3000',
      logLevel: 'warn',
    });
    if (this.options.clock) infra.clock = this.options.clock;
    try {
      const service = await startService(this.options.module(infra), infra, {
        port: 0,
        consumes: this.options.consumes ?? true,
        ...(this.options.internalRoutes ? { internalRoutes: this.options.internalRoutes } : {}),
      });
      this.running = { infra, service };
    } catch (error) {
      await infra.documents.close();
      throw error;
    }
  }

  /** Stops the service and closes its store, as a process exit would; the data stays. */
  async shutdown(): Promise<void> {
    if (!this.running) return;
    const { infra, service } = this.running;
    this.running = null;
    await service.close();
    await infra.documents.close();
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.boot();
  }

  /** Stops everything; removes the data directory if the harness made it (unless `keepData`). */
  async close({ keepData = this.options.dataDir !== undefined }: { keepData?: boolean } = {}): Promise<void> {
    await this.shutdown();
    await this.tokenIssuer?.stop();
    await this.options.onClose?.();
    if (!keepData && this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Delivers an envelope as Kafka would; resolves once every consumer has handled it. */
  async feed(envelope: IntegrationEnvelope): Promise<void> {
    await this.bus.publish([messageOf(envelope)]);
  }

  /** Collects every envelope published on a topic from now on, validated against the contracts. */
  probe(topic: string): KnownEnvelope[] {
    const seen: KnownEnvelope[] = [];
    this.bus.subscribe(`probe-${++this.probes}`, topic, async (m) => void seen.push(validateEnvelope(JSON.parse(m.value))));
    return seen;
  }

  get service(): RunningService {
    if (!this.running) throw new Error(`${this.options.name} is not running`);
    return this.running.service;
  }

  get infra(): ServiceInfrastructure {
    if (!this.running) throw new Error(`${this.options.name} is not running`);
    return this.running.infra;
  }

  get app(): RunningService['app'] {
    return this.service.app;
  }

  /** The API (`/api/v1/...`). */
  get url(): string {
    return this.service.url;
  }

  /** Health, readiness, the OpenAPI document and service-to-service routes. */
  get internalUrl(): string {
    return this.service.internalUrl;
  }

  /** supertest on the API: `h.api.get('/api/v1/...')`. */
  get api() {
    return request(this.url);
  }

  /** supertest on the internal listener. */
  get internal() {
    return request(this.internalUrl);
  }

  /** Signs the tokens the service accepts (when it does not verify them against another service). */
  get issuer(): TestTokenIssuer {
    if (!this.tokenIssuer) throw new Error(`${this.options.name} verifies tokens against its own jwksUrl, not a test issuer`);
    return this.tokenIssuer;
  }

  /** Where the service writes its e-mails (read them with readMails). */
  get mailDir(): string {
    return join(this.dataDir, 'mail');
  }
}

/** A clock the test moves by hand: services read "now" from their infrastructure. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
