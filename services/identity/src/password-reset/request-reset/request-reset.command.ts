import { Command } from '@nestjs/cqrs';
import type { AccountKey } from '../../security/accounts.js';

export const RESET_REQUESTED = { message: 'If an account exists, we have sent an e-mail with a link to reset the password.' } as const;

export class RequestResetCommand extends Command<typeof RESET_REQUESTED> {
  constructor(readonly key: AccountKey) {
    super();
  }
}
