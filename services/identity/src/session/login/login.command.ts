import { Command } from '@nestjs/cqrs';
import type { AccountKey } from '../../security/accounts.js';
import type { TokenPair } from '../../security/sessions.js';

export class LoginCommand extends Command<TokenPair> {
  constructor(
    readonly key: AccountKey,
    readonly password: string,
  ) {
    super();
  }
}
