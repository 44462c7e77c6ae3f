import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { DomainError } from '#libs/domain';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { ResultsProjection } from '../../projections/results.projection.js';
import { ResultErrors } from '../result.errors.js';
import { VerifiedResultResponse } from './verify-result.response.dto.js';

/** An organisation checks a Statement of Results by the code printed on it. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/verification')
export class VerifyResultHttpController {
  constructor(
    private readonly projection: ResultsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  @ApiOperation({ operationId: 'verifyResult', summary: 'Checks a Statement of Results by the verification code printed on it' })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{4,20}$' }, example: 'K7PQ-2XW9-MRAB' })
  @ApiOkResponse({ type: VerifiedResultResponse })
  @ApiNotFoundResponse({ description: 'No statement has this verification code.' })
  @Get(':code')
  @Roles('organisation', 'operator', 'exam-centre')
  async verify(@Param('code') code: string) {
    const normalised = code.trim().toUpperCase();
    const result = /^[A-Z0-9-]{4,20}$/.test(normalised)
      ? await this.projection.view.findOne({ verificationCode: normalised, releaseAt: { $lte: this.infra.clock.now().toISOString() } })
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
