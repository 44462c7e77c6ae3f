import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { INFRA, RateLimiter, type RateLimit, type ServiceInfrastructure } from '#libs/platform';
import { Accounts, limiterKeyOf, type Account } from '../../security/accounts.js';
import { RESET_TOKEN_MINUTES, ResetTokens } from '../../security/reset-tokens.js';
import { RequestResetCommand, RESET_REQUESTED } from './request-reset.command.js';

const RESET_REQUEST_LIMIT: RateLimit = { max: 5, windowMs: 15 * 60_000 };

/**
 * Always the same answer, whether or not the account exists, and (past the limit) whether or
 * not a mail went out: nobody can learn from this route who has an account.
 */
@CommandHandler(RequestResetCommand)
export class RequestResetHandler implements ICommandHandler<RequestResetCommand, typeof RESET_REQUESTED> {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    private readonly accounts: Accounts,
    private readonly resetTokens: ResetTokens,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: RequestResetCommand): Promise<typeof RESET_REQUESTED> {
    if (!(await this.limiter.hit(`reset:${limiterKeyOf(command.key)}`, RESET_REQUEST_LIMIT))) return RESET_REQUESTED;
    const account = await this.accounts.byKey(command.key);
    // Sent after answering, so the answer takes as long whether or not there is someone to mail.
    if (account) {
      this.mail(account).catch((error: unknown) => this.logger.error(`reset mail for ${account.streamId} failed: ${String(error)}`));
    }
    return RESET_REQUESTED;
  }

  private async mail(account: Account): Promise<void> {
    const token = await this.resetTokens.issue(account.streamId);
    const link = `${this.infra.publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
    await this.infra.mailer.send({
      to: account.email,
      subject: 'Reset your Results Service password',
      kind: 'password-reset',
      text: [
        'Someone (we hope you) asked to set a new password for your Results Service account.',
        '',
        `Open this link within ${RESET_TOKEN_MINUTES} minutes to choose your password:`,
        link,
        '',
        'The link works once. If you did not ask for this, ignore this e-mail: nothing changes.',
      ].join('\n'),
    });
  }
}
