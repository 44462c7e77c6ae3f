import { Command } from '@nestjs/cqrs';
import type { OrganisationKind } from '../../organisation/organisation.events.js';

export interface AcceptedInvitation {
  organisationId: string;
  recipientId: string;
}

export class AcceptInvitationCommand extends Command<AcceptedInvitation> {
  constructor(
    readonly token: string,
    readonly contactName: string,
    readonly password: string,
    readonly kind: OrganisationKind,
    readonly country: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
