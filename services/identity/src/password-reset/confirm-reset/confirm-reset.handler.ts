import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { Accounts } from '../../security/accounts.js';
import { AuthErrors } from '../../security/auth.errors.js';
import { hashPassword } from '../../security/passwords.js';
import { RefreshTokens } from '../../security/refresh-tokens.js';
import { ResetTokens } from '../../security/reset-tokens.js';
import { ConfirmResetCommand } from './confirm-reset.command.js';

@CommandHandler(ConfirmResetCommand)
export class ConfirmResetHandler implements ICommandHandler<ConfirmResetCommand, void> {
  constructor(
    private readonly resetTokens: ResetTokens,
    private readonly accounts: Accounts,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async execute(command: ConfirmResetCommand): Promise<void> {
    // Hashed first, so the token is used up only right before the change it allows.
    const passwordHash = await hashPassword(command.newPassword);
    const account = await this.resetTokens.consume(command.token);
    if (!account) {
      throw new DomainError('invalid', AuthErrors.RESET_TOKEN_INVALID, 'This password reset link is not valid: it has expired or was already used. Please ask for a new one.');
    }
    await this.accounts.changePassword(account, passwordHash, { correlationId: command.correlationId, causationId: null, actor: account });
    // Whoever held a session with the old password is signed out.
    await this.refreshTokens.revokeAccount(account);
  }
}
