import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { OrganisationRegisteredV1 } from '#libs/contracts';
import type { Clock } from '#libs/event-store';
import { envelopeOf, ServiceHarness } from '#libs/testing';
import { identityInternalRoutes } from '../src/identity.internal-routes.js';
import { IdentityModule } from '../src/identity.module.js';
import type { IdentityOptions } from '../src/identity.options.js';

export const PUBLIC_URL = 'http://portal.test';

/** identity on embedded adapters, its JWKS pointing at itself, fed as results and the directory would. */
export class IdentityHarness extends ServiceHarness {
  /** Read at every boot: change it, then restart(), as a changed environment would. */
  identityOptions: IdentityOptions = {};

  static start(identityOptions: IdentityOptions = {}, clock?: Clock): Promise<IdentityHarness> {
    const h: IdentityHarness = new IdentityHarness({
      name: 'identity',
      module: (infra) => IdentityModule.register(infra, h.identityOptions),
      internalRoutes: identityInternalRoutes,
      jwksUrl: () => h.jwksUrl,
      publicUrl: PUBLIC_URL,
      ...(clock ? { clock } : {}),
    });
    h.identityOptions = identityOptions;
    return h.start();
  }

  get jwksUrl(): string {
    return `${this.url}/.well-known/jwks.json`;
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
    return this.internal.post('/internal/organisation-users').send(body as object);
  }

  async register(body: Record<string, unknown>) {
    return this.api.post('/api/v1/candidates').send(body);
  }

  async login(body: Record<string, unknown>) {
    return this.api.post('/api/v1/auth/login').send(body);
  }
}
