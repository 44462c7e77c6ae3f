import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { INFRA, RateLimiter, type RateLimit, type ServiceInfrastructure } from '#libs/platform';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from '../../directory.options.js';
import { InvitationErrors } from '../invitation.errors.js';

/** The invitation limit: at most `invitationsPerHour` (5) per candidate and clock hour, on the platform's limiter. */
@Injectable()
export class InvitationRateLimiter implements OnModuleInit {
  private readonly limiter: RateLimiter;
  private readonly limit: RateLimit;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure, @Inject(DIRECTORY_OPTIONS) options: DirectoryOptions) {
    this.limiter = new RateLimiter(infra.documents, infra.clock);
    this.limit = { max: options.invitationsPerHour ?? 5, windowMs: 60 * 60_000 };
  }

  onModuleInit(): Promise<void> {
    return this.limiter.onModuleInit();
  }

  /** Counts one invitation by the candidate; throws 429 beyond the hourly limit. */
  async hit(candidateId: string): Promise<void> {
    if (await this.limiter.hit(`invitation:${candidateId}`, this.limit)) return;
    throw new DomainError(
      'rate-limited',
      InvitationErrors.RATE_LIMITED,
      `You can send at most ${this.limit.max} invitations an hour; please try again later.`,
    );
  }
}
