import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { ResultsProjection } from '../../projections/results.projection.js';
import { ResultErrors } from '../result.errors.js';
import { VerifyResultQuery, type VerifiedResult } from './verify-result.query.js';

@QueryHandler(VerifyResultQuery)
export class VerifyResultHandler implements IQueryHandler<VerifyResultQuery, VerifiedResult> {
  constructor(
    private readonly projection: ResultsProjection,
  ) {}

  async execute(query: VerifyResultQuery): Promise<VerifiedResult> {
    const normalised = query.code.trim().toUpperCase();
    const result = /^[A-Z0-9-]{4,20}$/.test(normalised)
      ? await this.projection.releasedOne({ verificationCode: normalised })
      : null;
    if (!result) throw new DomainError('not-found', ResultErrors.VERIFICATION_NOT_FOUND, 'No statement has this verification code.');
    return {
      verificationCode: result.verificationCode,
      candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
      qualification: result.qualification,
      cefrLevel: result.cefrLevel,
      overallScore: result.overallScore,
      grade: result.grade,
      components: result.components,
      examDate: result.examDate,
    };
  }
}
