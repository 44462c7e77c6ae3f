import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '#libs/event-store';
import { LinkKeys } from '#libs/mail';
import { INFRA, RateLimiter, type RateLimit, type ServiceInfrastructure } from '#libs/platform';
import { Accounts, limiterKeyOf, type Account } from '../../security/accounts.js';
import { RESET_TOKEN_MINUTES } from '../../security/reset-tokens.js';
import { hashOfToken } from '../../security/secret-tokens.js';
import { passwordResetStreamId, RESET_LINK_PURPOSE, type PasswordResetRequested } from '../password-reset.events.js';
import { RequestResetCommand, RESET_REQUESTED } from './request-reset.command.js';

const RESET_REQUEST_LIMIT: RateLimit = { max: 5, windowMs: 15 * 60_000 };

/**
 * Always the same answer, whether or not the account exists, and (past the limit) whether or
 * not a mail went out: nobody can learn from this route who has an account. For an account that
 * exists it stores a PasswordResetRequested; the e-mail is a consequence of that event, sent by
 * the mail worker (through the outbox: a crash after the append loses no e-mail).
 */
@CommandHandler(RequestResetCommand)
export class RequestResetHandler implements ICommandHandler<RequestResetCommand, typeof RESET_REQUESTED> {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    private readonly accounts: Accounts,
    private readonly store: EventStore,
    private readonly links: LinkKeys,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: RequestResetCommand): Promise<typeof RESET_REQUESTED> {
    if (!(await this.limiter.hit(`reset:${limiterKeyOf(command.key)}`, RESET_REQUEST_LIMIT))) return RESET_REQUESTED;
    const account = await this.accounts.byKey(command.key);
    // Stored after answering, so the answer takes as long whether or not there is someone to mail.
    if (account) {
      this.request(account, command).catch((error: unknown) => this.logger.error(`reset request for ${account.streamId} failed: ${String(error)}`));
    }
    return RESET_REQUESTED;
  }

  private async request(account: Account, command: RequestResetCommand): Promise<void> {
    const requestId = randomUUID();
    const token = await this.links.tokenFor(RESET_LINK_PURPOSE, requestId);
    const expiresAt = new Date(this.infra.clock.now().getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString();
    const event: PasswordResetRequested = {
      type: 'PasswordResetRequested',
      data: { requestId, account: account.streamId, email: account.email, tokenHash: hashOfToken(token), expiresAt, language: command.language },
    };
    await this.store.append(passwordResetStreamId(requestId), 0, [event], { correlationId: requestId, causationId: null, actor: account.streamId });
  }
}
