import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { RateLimiter, type RateLimit } from '#libs/platform';
import { Accounts, limiterKeyOf } from '../../security/accounts.js';
import { AuthErrors } from '../../security/auth.errors.js';
import { verifyDummy, verifyPassword } from '../../security/passwords.js';
import { Sessions, type TokenPair } from '../../security/sessions.js';
import { LoginCommand } from './login.command.js';

const LOGIN_FAILURE_LIMIT: RateLimit = { max: 10, windowMs: 15 * 60_000 };

export const WRONG_CREDENTIALS = 'Incorrect ID Number, e-mail or password.';

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, TokenPair> {
  constructor(
    private readonly accounts: Accounts,
    private readonly sessions: Sessions,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  async execute(command: LoginCommand): Promise<TokenPair> {
    const limitKey = `login:${limiterKeyOf(command.key)}`;
    if (await this.limiter.exhausted(limitKey, LOGIN_FAILURE_LIMIT)) {
      throw new DomainError('rate-limited', AuthErrors.TOO_MANY_ATTEMPTS, 'Too many failed log-in attempts. Please try again in 15 minutes, or reset your password.');
    }
    const account = await this.accounts.byKey(command.key);
    // No account, or no password set yet: refused like a wrong password, after about as long.
    const ok = account?.passwordHash
      ? await verifyPassword(account.passwordHash, command.password)
      : await verifyDummy(command.password);
    if (!account || !ok) {
      await this.limiter.hit(limitKey, LOGIN_FAILURE_LIMIT);
      throw new DomainError('unauthorized', AuthErrors.INVALID_CREDENTIALS, WRONG_CREDENTIALS);
    }
    return this.sessions.issue(account);
  }
}
