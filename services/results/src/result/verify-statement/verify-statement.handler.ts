import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StatementVerification } from '#libs/contracts';
import { ResultsProjection } from '../../projections/results.projection.js';
import { VerificationRateLimiter } from '../verification-rate.limiter.js';
import { normaliseCode, verdict } from '../verification.js';
import { VerifyStatementQuery } from './verify-statement.query.js';

@QueryHandler(VerifyStatementQuery)
export class VerifyStatementHandler implements IQueryHandler<VerifyStatementQuery, StatementVerification> {
  constructor(
    private readonly projection: ResultsProjection,
    private readonly limiter: VerificationRateLimiter,
  ) {}

  async execute(query: VerifyStatementQuery): Promise<StatementVerification> {
    await this.limiter.publicCheck(query.clientKey);
    const code = normaliseCode(query.code);
    const result = code ? await this.projection.releasedOne({ verificationCode: code }) : null;
    return verdict(query.code, query.dateOfBirth, result);
  }
}
