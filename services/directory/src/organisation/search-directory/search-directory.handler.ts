import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DirectorySearchIndex } from '../../search/index.js';
import { DIRECTORY_INDEX } from '../../directory.options.js';
import { SearchDirectoryQuery, type DirectoryItem } from './search-directory.query.js';

@QueryHandler(SearchDirectoryQuery)
export class SearchDirectoryHandler implements IQueryHandler<SearchDirectoryQuery, { items: DirectoryItem[] }> {
  constructor(@Inject(DIRECTORY_INDEX) private readonly index: DirectorySearchIndex) {}

  async execute(query: SearchDirectoryQuery): Promise<{ items: DirectoryItem[] }> {
    const hits = await this.index.search(query.q, query.limit);
    return {
      items: hits.map((h) => ({
        recipientId: h.recipientId,
        organisationId: h.organisationId,
        organisationName: h.organisationName,
        department: h.department,
        country: h.country,
        kind: h.kind,
        japaneseName: h.japaneseName,
      })),
    };
  }
}
