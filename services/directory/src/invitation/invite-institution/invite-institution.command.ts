import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { InvitationSent } from '#libs/contracts';
import type { MailLanguage } from '#libs/platform';

export class InviteInstitutionCommand extends Command<InvitationSent> {
  constructor(
    readonly organisationName: string,
    readonly email: string,
    readonly website: string,
    readonly by: Principal,
    readonly correlationId: string,
    /** The candidate's language (the portal's, from Accept-Language): the e-mail's first language. */
    readonly language: MailLanguage = 'en',
  ) {
    super();
  }
}
