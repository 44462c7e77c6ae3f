import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { OrganisationKind, RecipientAccount } from '../organisation.events.js';

export interface RegisteredOrganisationAnswer {
  organisationId: string;
  recipients: RecipientAccount[];
}

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string;
  email: string;
  aliases: string[];
  /** Department names; empty: one main account. */
  departments: string[];
}

export class RegisterOrganisationCommand extends Command<RegisteredOrganisationAnswer> {
  constructor(
    readonly organisation: NewOrganisation,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
