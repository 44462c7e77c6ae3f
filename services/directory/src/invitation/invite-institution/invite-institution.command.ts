import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';

export class InviteInstitutionCommand extends Command<{ invitationId: string }> {
  constructor(
    readonly organisationName: string,
    readonly email: string,
    readonly website: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
