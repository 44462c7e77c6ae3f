import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { INFRA, RateLimiter, type RateLimit, type ServiceInfrastructure } from '#libs/platform';
import { ResultErrors } from './result.errors.js';

/** Per caller address, beside the gateway's guess limit: a person checks a statement a few times, a guesser gets nowhere. */
export const PUBLIC_VERIFICATION_LIMIT: RateLimit = { max: 60, windowMs: 15 * 60_000 };
/** Per organisation: 30 requests of up to 2,000 statements an hour (60,000 statements). */
export const BULK_VERIFICATION_LIMIT: RateLimit = { max: 30, windowMs: 60 * 60_000 };

/** The verification limits, on the platform's limiter in results' own store (shared by every instance). */
@Injectable()
export class VerificationRateLimiter implements OnModuleInit {
  private readonly limiter: RateLimiter;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.limiter = new RateLimiter(infra.documents, infra.clock);
  }

  onModuleInit(): Promise<void> {
    return this.limiter.onModuleInit();
  }

  /** Counts one public check from this address; 429 beyond the limit. */
  async publicCheck(clientKey: string): Promise<void> {
    if (await this.limiter.hit(`verification:${clientKey}`, PUBLIC_VERIFICATION_LIMIT)) return;
    throw new DomainError('rate-limited', ResultErrors.VERIFICATION_RATE_LIMITED, 'Too many statements checked from this address; please try again in 15 minutes.');
  }

  /** Counts one bulk request by this organisation; 429 beyond the limit. */
  async bulkCheck(organisationId: string): Promise<void> {
    if (await this.limiter.hit(`bulk-verification:${organisationId}`, BULK_VERIFICATION_LIMIT)) return;
    throw new DomainError(
      'rate-limited',
      ResultErrors.VERIFICATION_RATE_LIMITED,
      `Your organisation can send at most ${BULK_VERIFICATION_LIMIT.max} bulk verification requests an hour; please try again later.`,
    );
  }
}
