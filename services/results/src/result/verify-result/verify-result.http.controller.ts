import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { ResultsProjection } from '../../projections/results.projection.js';

/** An organisation checks a Statement of Results by the code printed on it. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/verification')
export class VerifyResultHttpController {
  constructor(
    private readonly projection: ResultsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get(':code')
  @Roles('organisation', 'operator', 'exam-centre')
  async verify(@Param('code') code: string) {
    const normalised = code.trim().toUpperCase();
    const result = /^[A-Z0-9-]{4,20}$/.test(normalised)
      ? await this.projection.view.findOne({ verificationCode: normalised, releaseAt: { $lte: this.infra.clock.now().toISOString() } })
      : null;
    if (!result) throw new NotFoundException('No statement has this verification code.');
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
