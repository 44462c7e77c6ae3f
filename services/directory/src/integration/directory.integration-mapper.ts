import { eventOf, type StoredEvent } from '#libs/event-store';
import type { IntegrationEventDraft } from '#libs/messaging';
import { invitationStream } from '../invitation/invitation.events.js';
import { organisationStream } from '../organisation/organisation.events.js';
import { seedStream } from '../organisation/seed/seed.events.js';

/**
 * What the directory tells the rest of the platform, derived from its domain events. The
 * invitation's token hash and the seed marker stay inside the service.
 */
export function directoryIntegrationMapper(event: StoredEvent): IntegrationEventDraft[] {
  const e = eventOf(event, organisationStream, invitationStream, seedStream);
  switch (e.type) {
    case 'OrganisationRegistered': {
      const { organisationId, name, kind, country, website, email, aliases, recipients, firstUser, approved } = e.data;
      return [
        {
          type: 'OrganisationRegistered',
          data: {
            organisationId,
            name,
            kind,
            country,
            website,
            email,
            aliases: [...aliases],
            recipients: recipients.map((r) => ({ recipientId: r.recipientId, department: r.department })),
            // Field by field: events stored before credentials stayed in identity still hold a password hash.
            firstUser: firstUser ? { email: firstUser.email, contactName: firstUser.contactName } : null,
            // Absent in events stored before approval existed: approved.
            approved: approved ?? true,
          },
        },
      ];
    }
    case 'OrganisationUpdated':
    case 'OrganisationApproved': {
      // Both carry the organisation as it now is: an approval is an update that sets `approved`.
      const { organisationId, name, kind, country, website, aliases, approved } = e.data;
      return [{ type: 'OrganisationUpdated', data: { organisationId, name, kind, country, website, aliases: [...aliases], approved } }];
    }
    case 'RecipientAccountAdded':
    case 'RecipientAccountUpdated': {
      const { organisationId, recipientId, department, active } = e.data;
      return [{ type: 'RecipientAccountUpdated', data: { organisationId, recipientId, department, active } }];
    }
    case 'InstitutionInvited': {
      const { invitationId, organisationName, email, website, domain, invitedBy, expiresAt } = e.data;
      return [{ type: 'InstitutionInvited', data: { invitationId, organisationName, email, website, domain, invitedBy, expiresAt } }];
    }
    case 'InvitationAccepted': {
      const { invitationId, organisationId, recipientId } = e.data;
      return [{ type: 'InvitationAccepted', data: { invitationId, organisationId, recipientId } }];
    }
    case 'InvitationMailFailed':
    case 'DirectorySeeded':
      return [];
    default: {
      const unknown: never = e;
      throw new Error(`unknown directory event ${JSON.stringify(unknown)}`);
    }
  }
}
