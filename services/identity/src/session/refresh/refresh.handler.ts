import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { Accounts } from '../../security/accounts.js';
import { AuthErrors } from '../../security/auth.errors.js';
import { RefreshTokens } from '../../security/refresh-tokens.js';
import { Sessions, type TokenPair } from '../../security/sessions.js';
import { RefreshCommand } from './refresh.command.js';

const expired = () =>
  new DomainError('unauthorized', AuthErrors.INVALID_REFRESH_TOKEN, 'This session has ended (signed out, expired or replaced). Please log in again.');

@CommandHandler(RefreshCommand)
export class RefreshHandler implements ICommandHandler<RefreshCommand, TokenPair> {
  constructor(
    private readonly refreshTokens: RefreshTokens,
    private readonly accounts: Accounts,
    private readonly sessions: Sessions,
  ) {}

  async execute(command: RefreshCommand): Promise<TokenPair> {
    const redemption = await this.refreshTokens.redeem(command.refreshToken);
    if (!redemption.ok) throw expired();
    // Claims come from the account as it is now (roles, organisation), not as it was at login.
    const account = await this.accounts.byStream(redemption.account);
    if (!account) throw expired();
    return this.sessions.issue(account, redemption.familyId);
  }
}
