import { randomUUID } from 'node:crypto';
import type { OrganisationKindV1, ResultPublishedV1 } from '#libs/contracts';
import type { InProcessBus } from '#libs/messaging';
import { envelopeOf, messageOf } from '#libs/testing';

/** Publishes a result as the results service would; released an hour ago unless told otherwise. */
export async function publishResult(
  bus: InProcessBus,
  idNumber: string,
  options: { restrictions?: string[]; releaseAt?: string } = {},
): Promise<ResultPublishedV1> {
  const data: ResultPublishedV1 = {
    resultId: randomUUID(),
    entryId: randomUUID(),
    idNumber,
    candidate: { name: `Candidate ${idNumber}`, dateOfBirth: '2001-04-02' },
    releaseAt: options.releaseAt ?? new Date(Date.now() - 3_600_000).toISOString(),
    restrictions: options.restrictions ?? [],
    verificationCode: `V${randomUUID().slice(0, 8).toUpperCase()}`,
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }],
    examDate: '2026-06-14',
  };
  await bus.publish([messageOf(envelopeOf('ResultPublished', data, { aggregateId: `result-${data.resultId}` }))]);
  return data;
}

export interface Organisation {
  organisationId: string;
  recipients: { recipientId: string; department: string | null }[];
}

/** Registers an organisation with its accounts as the directory service would. */
export async function registerOrganisation(
  bus: InProcessBus,
  name: string,
  kind: OrganisationKindV1,
  departments: (string | null)[],
): Promise<Organisation> {
  const organisationId = randomUUID();
  const recipients = departments.map((department) => ({ recipientId: randomUUID(), department }));
  await bus.publish([
    messageOf(
      envelopeOf(
        'OrganisationRegistered',
        { organisationId, name, kind, country: 'Japan', website: null, email: null, aliases: [], recipients, firstUser: null },
        { aggregateId: organisationId },
      ),
    ),
  ]);
  return { organisationId, recipients };
}
