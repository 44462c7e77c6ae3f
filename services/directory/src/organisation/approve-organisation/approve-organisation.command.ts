import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Organisation } from '#libs/contracts';

/** The operator approves an organisation that came from an invitation (INVITATION_APPROVAL=required). */
export class ApproveOrganisationCommand extends Command<Organisation> {
  constructor(
    readonly organisationId: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
