import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import argon2 from 'argon2';
import request from 'supertest';
import type { IntegrationEnvelope, OrganisationRegisteredV1 } from '#libs/contracts';
import type { Clock } from '#libs/event-store';
import { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService } from '#libs/platform';
import { envelopeOf, messageOf } from '#libs/testing';
import { identityInternalRoutes } from '../src/identity.internal-routes.js';
import { IdentityModule } from '../src/identity.module.js';
import type { IdentityOptions } from '../src/identity.options.js';

export const PUBLIC_URL = 'http://portal.test';

/** identity on embedded adapters, its JWKS pointing at itself, fed through the in-process bus. */
export class IdentityHarness {
  private constructor(
    readonly service: RunningService,
    readonly bus: InProcessBus,
    readonly dataDir: string,
  ) {}

  /** Starts on a fresh data directory, or on `dataDir` to restart over what an earlier run left. */
  static async start(options: IdentityOptions = {}, dataDir?: string, clock?: Clock): Promise<IdentityHarness> {
    const bus = new InProcessBus();
    dataDir ??= await mkdtemp(join(tmpdir(), 'identity-'));
    let jwksUrl = '';
    const infra = await embeddedInfrastructure('identity', { dataDir, bus, jwksUrl: () => jwksUrl, publicUrl: PUBLIC_URL, logLevel: 'warn' });
    if (clock) infra.clock = clock;
    const service = await startService(IdentityModule.register(infra, options), infra, { port: 0, consumes: true, internalRoutes: identityInternalRoutes });
    jwksUrl = `${service.url}/.well-known/jwks.json`;
    bus.open();
    return new IdentityHarness(service, bus, dataDir);
  }

  get url(): string {
    return this.service.url;
  }

  get jwksUrl(): string {
    return `${this.service.url}/.well-known/jwks.json`;
  }

  /** Delivers an envelope as Kafka would; resolves once identity has handled it. */
  async feed(envelope: IntegrationEnvelope): Promise<void> {
    await this.bus.publish([messageOf(envelope)]);
  }

  /** As results would announce an entry: the Secret Number only as its argon2id hash. */
  async enter(idNumber: string, secretNumber: string): Promise<void> {
    const secretHash = await argon2.hash(secretNumber, { type: argon2.argon2id });
    await this.feed(
      envelopeOf(
        'CandidateEntered',
        { entryId: randomUUID(), idNumber, secretHash, name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' },
        { aggregateId: `entry-${idNumber}` },
      ),
    );
  }

  async organisation(data: Partial<OrganisationRegisteredV1> & { organisationId: string }, aggregateVersion = 1): Promise<void> {
    await this.feed(
      envelopeOf(
        'OrganisationRegistered',
        { name: 'University of Somewhere', kind: 'education', country: 'GB', website: null, email: null, aliases: [], recipients: [{ recipientId: randomUUID(), department: null }], firstUser: null, ...data },
        { aggregateId: data.organisationId, aggregateVersion },
      ),
    );
  }

  /** As the directory does before appending an organisation: identity's internal route. */
  async addOrganisationUser(body: unknown) {
    return request(this.service.internalUrl).post('/internal/organisation-users').send(body as object);
  }

  async register(body: Record<string, unknown>) {
    return request(this.url).post('/api/v1/candidates').send(body);
  }

  async login(body: Record<string, unknown>) {
    return request(this.url).post('/api/v1/auth/login').send(body);
  }

  /** Where the service writes its e-mails (read them with libs/testing's mailbox). */
  get mailDir(): string {
    return join(this.dataDir, 'mail');
  }

  async close({ keepData = false }: { keepData?: boolean } = {}): Promise<void> {
    await this.service.close();
    if (!keepData) await rm(this.dataDir, { recursive: true, force: true });
  }
}

