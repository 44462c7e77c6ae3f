import { Readable } from 'node:stream';
import { Inject, Logger } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stringify, type Options } from 'csv-stringify/sync';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { SharesProjection } from '../../projections/shares.projection.js';
import { dateRange, type DateRange } from '../paging/date-range.js';
import { inboxScope } from '../paging/inbox-filters.js';
import { filtersHash } from '../paging/page.cursor.js';
import { inboxSections, pageOf, type PageRequest } from '../paging/share-page.js';
import { HEADER, rowOf } from './export-inbox.columns.js';
import { ExportInboxQuery } from './export-inbox.query.js';

/**
 * The CSV: UTF-8 with a byte order mark (spreadsheets, Excel first of all, read a CSV without
 * one in the computer's legacy code page, which garbles names in other scripts; with it every
 * name survives the round trip), RFC 4180 (CRLF, quotes where needed), and cells that a
 * spreadsheet would run as a formula (= + - @ at the start of a name) prefixed with `'`.
 * Exporting marks nothing read: it is a safe GET that a client may retry, and "read" tells the
 * candidate that a person opened the result (the status column says which are still unread).
 */
const CSV_OPTIONS: Options = { columns: HEADER, record_delimiter: 'windows', escape_formulas: true };

@QueryHandler(ExportInboxQuery)
export class ExportInboxHandler implements IQueryHandler<ExportInboxQuery, Readable> {
  private readonly logger = new Logger('ExportInbox');

  constructor(
    private readonly projection: SharesProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  execute(query: ExportInboxQuery): Promise<Readable> {
    const { organisationId: _scoped, ...filters } = query.filters;
    // Checked before the first byte: a bad date is a 400, not a broken download.
    const range: DateRange = dateRange(query.filters.from, query.filters.to);
    const request: PageRequest = {
      scope: inboxScope(query.filters),
      sections: inboxSections(query.filters.status),
      range,
      limit: query.pageSize,
      cursor: undefined,
      hash: filtersHash({ list: 'export', ...filters }),
      now: this.infra.clock.now(),
    };
    const view = this.projection.view;
    const logger = this.logger;
    // One chunk of CSV a page (up to 2,000 rows, about 0.5 MB), not one a row: each chunk is a
    // write through sharing's reply and the gateway's proxy, and 10,000 of them took longer than
    // reading the shares (bench/volume). Memory stays one page whatever the size of the export.
    async function* chunks() {
      try {
        for (let cursor: string | undefined, first = true; ; first = false) {
          const page = await pageOf(view, { ...request, cursor });
          yield stringify(page.docs.map(rowOf), { ...CSV_OPTIONS, bom: first, header: first });
          if (page.nextCursor === null) return;
          cursor = page.nextCursor;
        }
      } catch (error) {
        logger.error(`export of ${query.filters.organisationId} stopped: ${String(error)}`);
        throw error;
      }
    }
    // One page read ahead at most (Readable.from would otherwise buffer 16 while the client is slow).
    return Promise.resolve(Readable.from(chunks(), { highWaterMark: 1 }));
  }
}
