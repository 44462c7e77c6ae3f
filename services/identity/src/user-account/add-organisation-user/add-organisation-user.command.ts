import { Command } from '@nestjs/cqrs';

export interface AddedOrganisationUser {
  userId: string;
  /** False when the address was already this organisation's user (a repeat): nothing changed. */
  created: boolean;
}

/** The directory, before it appends an organisation: its user (and, from an invitation, their password). */
export class AddOrganisationUserCommand extends Command<AddedOrganisationUser> {
  constructor(
    readonly organisationId: string,
    readonly email: string,
    readonly name: string | null,
    readonly password: string | null,
    readonly correlationId: string,
  ) {
    super();
  }
}
