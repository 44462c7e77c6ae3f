import { Command } from '@nestjs/cqrs';
import type { MailLanguage } from '#libs/platform';
import type { AccountKey } from '../../security/accounts.js';

export const RESET_REQUESTED = { message: 'If an account exists, we have sent an e-mail with a link to reset the password.' } as const;

export class RequestResetCommand extends Command<typeof RESET_REQUESTED> {
  constructor(
    readonly key: AccountKey,
    /** The e-mail's language: the portal's current one, from Accept-Language. */
    readonly language: MailLanguage = 'en',
  ) {
    super();
  }
}
