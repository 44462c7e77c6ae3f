import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Topics, type IntegrationEnvelope } from '#libs/contracts';
import { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService, type ServiceInfrastructure } from '#libs/platform';
import { TestTokenIssuer } from '#libs/testing';
import { webhookConfigFromEnv } from '../src/config.js';
import { SharingModule } from '../src/sharing.module.js';

/** The sharing service on embedded adapters, a token issuer, and a probe on the shares topic. */
export class SharingHarness {
  readonly bus = new InProcessBus();
  /** Every integration event sharing published, in order. */
  readonly published: IntegrationEnvelope[] = [];
  infra!: ServiceInfrastructure;
  service!: RunningService;
  /** The master key of the webhook secrets (WEBHOOK_SECRET_KEY); a test may change it, and WEBHOOK_* variables, before boot(). */
  webhookSecretKey = randomBytes(32).toString('base64');

  private constructor(
    readonly issuer: TestTokenIssuer,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<SharingHarness> {
    const h = new SharingHarness(await TestTokenIssuer.start(), await mkdtemp(join(tmpdir(), 'sharing-')));
    h.bus.subscribe('probe', Topics.shares, async (m) => void h.published.push(JSON.parse(m.value) as IntegrationEnvelope));
    await h.boot();
    h.bus.open();
    return h;
  }

  async boot(): Promise<void> {
    this.infra = await embeddedInfrastructure('sharing', {
      dataDir: this.dataDir,
      bus: this.bus,
      jwksUrl: () => this.issuer.jwksUrl,
      publicUrl: 'http://localhost:3000',
      logLevel: 'warn',
    });
    this.service = await startService(SharingModule.register(this.infra, { webhooks: webhookConfigFromEnv(process.env, this.webhookSecretKey) }), this.infra, { port: 0, consumes: true });
  }

  /** Closes the service and its store, as a process exit would. */
  async shutdown(): Promise<void> {
    await this.service.close();
    await this.infra.documents.close();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await this.issuer.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  get(path: string, token: string) {
    return request(this.service.url).get(path).set('authorization', `Bearer ${token}`);
  }

  send(token: string, body: object) {
    return request(this.service.url).post('/api/v1/me/shares').set('authorization', `Bearer ${token}`).send(body);
  }

  ofType(type: string, shareId: string): IntegrationEnvelope[] {
    return this.published.filter((e) => e.type === type && (e.data as { shareId: string }).shareId === shareId);
  }
}
