import { Controller, Get, Param, ParseUUIDPipe, Query, Req, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { mailLanguageOf } from '#libs/platform';
import { resultNotFound } from '../result.errors.js';
import { DownloadStatementQuery } from './download-statement.query.js';
import { DownloadStatementRequest } from './download-statement.request.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/results')
export class DownloadStatementHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':resultId/statement')
  @Roles('candidate')
  @ApiOperation({ operationId: 'downloadStatement', summary: 'The Statement of Results as a PDF' })
  @ApiParam({ name: 'resultId', schema: { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No such result for this candidate (or not released yet).' })
  @ApiConflictResponse({ description: 'The exam centre withdrew this result (code RESULT.WITHDRAWN): its statement is no longer issued.' })
  async statement(
    @Param('resultId', new ParseUUIDPipe({ exceptionFactory: resultNotFound })) resultId: string,
    @CurrentUser() user: Principal,
    @Query() query: DownloadStatementRequest,
    @Req() req: { headers: Record<string, string | string[] | undefined> },
  ): Promise<StreamableFile> {
    // ?lang= wins; else the portal's language as its requests carry it (Accept-Language, read from
    // the request: as a @Headers() parameter OpenAPI would declare it required).
    const acceptLanguage = req.headers['accept-language'];
    const language = query.lang ?? mailLanguageOf(acceptLanguage);
    const { pdf, fileName } = await this.queries.execute(new DownloadStatementQuery(resultId, user.idNumber ?? '', language));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
      length: pdf.length,
    });
  }
}
