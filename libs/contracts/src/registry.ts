import { Topics, type Topic } from './topics.js';
import { candidateEnteredV1Schema, resultPublishedV1Schema } from './events/results.events.js';
import type { CandidateEnteredV1, ResultPublishedV1 } from './events/results.events.js';
import {
  institutionInvitedV1Schema,
  invitationAcceptedV1Schema,
  organisationRegisteredV1Schema,
} from './events/directory.events.js';
import type { InstitutionInvitedV1, InvitationAcceptedV1, OrganisationRegisteredV1 } from './events/directory.events.js';
import { resultReadV1Schema, resultSharedV1Schema } from './events/sharing.events.js';
import type { ResultReadV1, ResultSharedV1 } from './events/sharing.events.js';

/** Every integration event: its topic, version, JSON Schema and a line of documentation. */
export const eventCatalogue = {
  CandidateEntered: { topic: Topics.entries, version: 1, schema: candidateEnteredV1Schema, summary: 'An exam centre entered a candidate for an exam; identity lets the candidate register with the ID Number and Secret Number.' },
  ResultPublished: { topic: Topics.results, version: 1, schema: resultPublishedV1Schema, summary: 'An exam centre published a result; candidates see it from releaseAt on.' },
  OrganisationRegistered: { topic: Topics.organisations, version: 1, schema: organisationRegisteredV1Schema, summary: 'An organisation and its recipient accounts (faculties, departments) were added or changed.' },
  InstitutionInvited: { topic: Topics.invitations, version: 1, schema: institutionInvitedV1Schema, summary: 'A candidate invited an organisation that is not listed.' },
  InvitationAccepted: { topic: Topics.invitations, version: 1, schema: invitationAcceptedV1Schema, summary: 'An invited organisation created its account.' },
  ResultShared: { topic: Topics.shares, version: 1, schema: resultSharedV1Schema, summary: 'A candidate sent a result to a recipient account, with recorded consent; carries what the recipient needs.' },
  ResultRead: { topic: Topics.shares, version: 1, schema: resultReadV1Schema, summary: 'A recipient opened a shared result for the first time.' },
} as const satisfies Record<string, { topic: Topic; version: number; schema: object; summary: string }>;

export type IntegrationEventType = keyof typeof eventCatalogue;

/** The payload type of each integration event. */
export interface IntegrationEventData {
  CandidateEntered: CandidateEnteredV1;
  ResultPublished: ResultPublishedV1;
  OrganisationRegistered: OrganisationRegisteredV1;
  InstitutionInvited: InstitutionInvitedV1;
  InvitationAccepted: InvitationAcceptedV1;
  ResultShared: ResultSharedV1;
  ResultRead: ResultReadV1;
}
