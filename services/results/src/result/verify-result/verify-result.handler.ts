import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { ResultsProjection } from '../../projections/results.projection.js';
import { ResultErrors, resultWithdrawn } from '../result.errors.js';
import { normaliseCode, toVerifiedResult } from '../verification.js';
import { VerifyResultQuery, type VerifiedResult } from './verify-result.query.js';

@QueryHandler(VerifyResultQuery)
export class VerifyResultHandler implements IQueryHandler<VerifyResultQuery, VerifiedResult> {
  constructor(
    private readonly projection: ResultsProjection,
  ) {}

  async execute(query: VerifyResultQuery): Promise<VerifiedResult> {
    const code = normaliseCode(query.code);
    const result = code ? await this.projection.releasedOne({ verificationCode: code }) : null;
    if (!result) throw new DomainError('not-found', ResultErrors.VERIFICATION_NOT_FOUND, 'No statement has this verification code.');
    // Never genuine once withdrawn: the statement is void (its details are not given either).
    if (result.withdrawnAt) throw resultWithdrawn(result.withdrawnAt, 'this statement is no longer valid');
    return toVerifiedResult(result);
  }
}
