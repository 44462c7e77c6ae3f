import { Controller, Get, Inject, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { ResultsProjection } from '../../projections/results.projection.js';
import { resultNotFound } from '../result.errors.js';
import { renderStatement } from './statement.pdf.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/results')
export class DownloadStatementHttpController {
  constructor(
    private readonly projection: ResultsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get(':resultId/statement')
  @Roles('candidate')
  @ApiOperation({ operationId: 'downloadStatement', summary: 'The Statement of Results as a PDF' })
  @ApiParam({ name: 'resultId', schema: { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No such result for this candidate (or not released yet).' })
  async statement(
    @Param('resultId', new ParseUUIDPipe({ exceptionFactory: resultNotFound })) resultId: string,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    // Someone else's result, or one not yet released, is "not found": its existence is not disclosed.
    const result = await this.projection.view.findOne({
      _id: resultId,
      idNumber: user.idNumber ?? '',
      releaseAt: { $lte: this.infra.clock.now().toISOString() },
    });
    if (!result) throw resultNotFound();
    const pdf = await renderStatement({ ...result, resultId }, this.infra.publicUrl);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="statement-of-results-${result.idNumber}.pdf"`,
      length: pdf.length,
    });
  }
}
