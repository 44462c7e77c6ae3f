import type { Readable } from 'node:stream';
import { Query } from '@nestjs/cqrs';
import type { InboxFilters } from '../paging/inbox-filters.js';

/** An organisation's shares as CSV, with the inbox's filters, in the inbox's order, streamed. */
export class ExportInboxQuery extends Query<Readable> {
  constructor(
    readonly filters: Omit<InboxFilters, 'q'>,
    /**
     * Shares read a page at a time: memory stays flat whatever the organisation holds (about 1.5 KB
     * a share held). 2,000 rather than less: on FerretDB every page is a scan of the organisation's
     * shares, so fewer pages are faster.
     */
    readonly pageSize = 2000,
  ) {
    super();
  }
}
