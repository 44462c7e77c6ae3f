import type { Readable } from 'node:stream';
import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { ExportInboxQuery } from './export-inbox.query.js';
import { ExportInboxRequest } from './export-inbox.request.dto.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares/export')
export class ExportInboxHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({
    operationId: 'exportInbox',
    summary: 'The organisation’s shares as CSV (UTF-8 with a byte order mark, a header row, one row per share), streamed; marks nothing read',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, in the inbox’s order (unread first, then newest).', content: { 'text/csv': { schema: { type: 'string' } } } })
  @Get()
  @Roles('organisation')
  @Header('cache-control', 'no-store')
  async export(@Query() query: ExportInboxRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<StreamableFile> {
    const { status, recipientId, from, to } = query;
    const csv = await this.queries.execute<ExportInboxQuery, Readable>(new ExportInboxQuery({ organisationId: user.organisationId, status, recipientId, from, to }));
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="shares-${new Date().toISOString().slice(0, 10)}.csv"`,
    });
  }
}
