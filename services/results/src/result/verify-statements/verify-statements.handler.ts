import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { BulkVerification } from '#libs/contracts';
import { ResultsProjection } from '../../projections/results.projection.js';
import { VerificationRateLimiter } from '../verification-rate.limiter.js';
import { normaliseCode, verdict } from '../verification.js';
import { VerifyStatementsQuery } from './verify-statements.query.js';

/** Every item from one read of the results view (one `$in` query, however many items), in the order sent. */
@QueryHandler(VerifyStatementsQuery)
export class VerifyStatementsHandler implements IQueryHandler<VerifyStatementsQuery, BulkVerification> {
  constructor(
    private readonly projection: ResultsProjection,
    private readonly limiter: VerificationRateLimiter,
  ) {}

  async execute(query: VerifyStatementsQuery): Promise<BulkVerification> {
    await this.limiter.bulkCheck(query.organisationId);
    const codes = query.items.map((item) => normaliseCode(item.code));
    const found = await this.projection.releasedByCodes(codes.filter((c): c is string => c !== null));
    const byCode = new Map(found.map((r) => [r.verificationCode, r]));
    return { items: query.items.map((item, i) => verdict(item.code, item.dateOfBirth, byCode.get(codes[i] ?? ''))) };
  }
}
