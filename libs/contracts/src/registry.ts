import { Topics, type Topic } from './topics.js';
import { candidateEnteredV1Schema, resultAmendedV1Schema, resultPublishedV1Schema, resultWithdrawnV1Schema } from './events/results.events.js';
import type { CandidateEnteredV1, ResultAmendedV1, ResultPublishedV1, ResultWithdrawnV1 } from './events/results.events.js';
import {
  institutionInvitedV1Schema,
  invitationAcceptedV1Schema,
  organisationRegisteredV1Schema,
  organisationUpdatedV1Schema,
  recipientAccountUpdatedV1Schema,
} from './events/directory.events.js';
import type {
  InstitutionInvitedV1,
  InvitationAcceptedV1,
  OrganisationRegisteredV1,
  OrganisationUpdatedV1,
  RecipientAccountUpdatedV1,
} from './events/directory.events.js';
import { resultReadV1Schema, resultSharedV1Schema, shareAmendedV1Schema, shareDeliveredV1Schema, shareWithdrawnV1Schema } from './events/sharing.events.js';
import type { ResultReadV1, ResultSharedV1, ShareAmendedV1, ShareDeliveredV1, ShareWithdrawnV1 } from './events/sharing.events.js';

/** Every integration event: its topic, version, JSON Schema and a line of documentation. */
export const eventCatalogue = {
  CandidateEntered: { topic: Topics.entries, version: 1, schema: candidateEnteredV1Schema, summary: 'An exam centre entered a candidate for an exam; identity lets the candidate register with the ID Number and Secret Number.' },
  ResultPublished: { topic: Topics.results, version: 1, schema: resultPublishedV1Schema, summary: 'An exam centre published a result; candidates see it from releaseAt on.' },
  OrganisationRegistered: { topic: Topics.organisations, version: 1, schema: organisationRegisteredV1Schema, summary: 'An organisation and its recipient accounts (faculties, departments) were added or changed.' },
  InstitutionInvited: { topic: Topics.invitations, version: 1, schema: institutionInvitedV1Schema, summary: 'A candidate invited an organisation that is not listed.' },
  InvitationAccepted: { topic: Topics.invitations, version: 1, schema: invitationAcceptedV1Schema, summary: 'An invited organisation created its account.' },
  ResultShared: { topic: Topics.shares, version: 1, schema: resultSharedV1Schema, summary: 'A candidate sent a result to a recipient account, with recorded consent; carries what the recipient needs.' },
  ResultRead: { topic: Topics.shares, version: 1, schema: resultReadV1Schema, summary: 'A recipient opened a shared result for the first time.' },
  ResultAmended: { topic: Topics.results, version: 1, schema: resultAmendedV1Schema, summary: 'An exam centre amended a published result (a re-mark): the changed fields, the reason and the current version.' },
  ResultWithdrawn: { topic: Topics.results, version: 1, schema: resultWithdrawnV1Schema, summary: 'An exam centre withdrew a published result: it verifies as withdrawn and cannot be sent again.' },
  OrganisationUpdated: { topic: Topics.organisations, version: 1, schema: organisationUpdatedV1Schema, summary: 'The operator edited an organisation (name, kind, country, website, aliases) or approved one that came from an invitation.' },
  RecipientAccountUpdated: { topic: Topics.organisations, version: 1, schema: recipientAccountUpdatedV1Schema, summary: 'A recipient account was added, renamed, deactivated or reactivated; an inactive one leaves search and refuses new shares.' },
  ShareWithdrawn: { topic: Topics.shares, version: 1, schema: shareWithdrawnV1Schema, summary: 'A share was withdrawn: by the candidate before it was read, or because the exam centre withdrew the result. Its details are no longer shown.' },
  ShareDelivered: { topic: Topics.shares, version: 1, schema: shareDeliveredV1Schema, summary: "The organisation's own system has the share: its webhook answered 2xx, or its pull feed was served past it (once per share)." },
  ShareAmended: { topic: Topics.shares, version: 1, schema: shareAmendedV1Schema, summary: 'The result behind a share was amended: the organisation holding it gets the current version, the reason and what changed.' },
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
  ResultAmended: ResultAmendedV1;
  ResultWithdrawn: ResultWithdrawnV1;
  OrganisationUpdated: OrganisationUpdatedV1;
  RecipientAccountUpdated: RecipientAccountUpdatedV1;
  ShareWithdrawn: ShareWithdrawnV1;
  ShareDelivered: ShareDeliveredV1;
  ShareAmended: ShareAmendedV1;
}
