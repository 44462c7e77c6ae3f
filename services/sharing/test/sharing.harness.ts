import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, type IntegrationEnvelope, type OrganisationKindV1, type ResultPublishedV1 } from '#libs/contracts';
import { envelopeOf, ServiceHarness } from '#libs/testing';
import { EnvReader } from '#libs/platform';
import { readFeedConfig, webhookConfigFromEnv } from '../src/config.js';
import { SharingModule } from '../src/sharing.module.js';

/** The sharing service on embedded adapters, a token issuer, and a probe on the shares topic. */
export class SharingHarness extends ServiceHarness {
  /** Every integration event sharing published, in order. */
  readonly published = this.probe(Topics.shares);
  /** The master key of the webhook secrets (WEBHOOK_SECRET_KEY); a test may change it, and WEBHOOK_* variables, before boot(). */
  webhookSecretKey = randomBytes(32).toString('base64');

  static start(): Promise<SharingHarness> {
    const h: SharingHarness = new SharingHarness({
      name: 'sharing',
      module: (infra) => SharingModule.register(infra, { webhooks: webhookConfigFromEnv(process.env, h.webhookSecretKey), feed: readFeedConfig(new EnvReader(process.env)) }),
    });
    return h.start();
  }

  get(path: string, token: string) {
    return this.api.get(path).set('authorization', `Bearer ${token}`);
  }

  send(token: string, body: object) {
    return this.api.post('/api/v1/me/shares').set('authorization', `Bearer ${token}`).send(body);
  }

  ofType(type: string, shareId: string): IntegrationEnvelope[] {
    return this.published.filter((e) => e.type === type && (e.data as { shareId: string }).shareId === shareId);
  }
}

/** Publishes a result as the results service would; released an hour ago unless told otherwise. */
export async function publishResult(
  h: ServiceHarness,
  idNumber: string,
  options: { restrictions?: string[]; releaseAt?: string; name?: string; components?: { skill: string; score: number }[] } = {},
): Promise<ResultPublishedV1> {
  const data: ResultPublishedV1 = {
    resultId: randomUUID(),
    entryId: randomUUID(),
    idNumber,
    candidate: { name: options.name ?? `Candidate ${idNumber}`, dateOfBirth: '2001-04-02' },
    releaseAt: options.releaseAt ?? new Date(Date.now() - 3_600_000).toISOString(),
    restrictions: options.restrictions ?? [],
    verificationCode: `V${randomUUID().slice(0, 8).toUpperCase()}`,
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: options.components ?? [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }],
    examDate: '2026-06-14',
  };
  await h.feed(envelopeOf('ResultPublished', data, { aggregateId: `result-${data.resultId}` }));
  return data;
}

export interface Organisation {
  organisationId: string;
  recipients: { recipientId: string; department: string | null }[];
}

/** Registers an organisation with its accounts as the directory service would. */
export async function registerOrganisation(
  h: ServiceHarness,
  name: string,
  kind: OrganisationKindV1,
  departments: (string | null)[],
): Promise<Organisation> {
  const organisationId = randomUUID();
  const recipients = departments.map((department) => ({ recipientId: randomUUID(), department }));
  await h.feed(
    envelopeOf(
      'OrganisationRegistered',
      { organisationId, name, kind, country: 'Japan', website: null, email: null, aliases: [], recipients, firstUser: null },
      { aggregateId: organisationId },
    ),
  );
  return { organisationId, recipients };
}

export interface World {
  waseda: Organisation;
  immigration: Organisation;
  imperial: Organisation;
  /** Hanako's released result. */
  resultId: string;
  tokens: { hanako: string; taro: string; wasedaUser: string; imperialUser: string };
}

/** Three organisations, one released result of Hanako's, and tokens for the people involved. */
export async function setUpWorld(h: SharingHarness): Promise<World> {
  const waseda = await registerOrganisation(h, 'Waseda University', 'education', ['Admissions', 'Graduate School']);
  const immigration = await registerOrganisation(h, 'Immigration Services Agency', 'immigration', [null]);
  const imperial = await registerOrganisation(h, 'Imperial College London', 'education', ['Admissions']);
  const { resultId } = await publishResult(h, 'C10000001');
  const sign = h.issuer.sign.bind(h.issuer);
  return {
    waseda,
    immigration,
    imperial,
    resultId,
    tokens: {
      hanako: await sign({ sub: 'cand-hanako', roles: ['candidate'], idn: 'C10000001' }),
      taro: await sign({ sub: 'cand-taro', roles: ['candidate'], idn: 'C10000002' }),
      wasedaUser: await sign({ sub: 'user-waseda', roles: ['organisation'], org: waseda.organisationId }),
      imperialUser: await sign({ sub: 'user-imperial', roles: ['organisation'], org: imperial.organisationId }),
    },
  };
}
