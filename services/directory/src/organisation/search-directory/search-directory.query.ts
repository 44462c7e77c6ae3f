import { Query } from '@nestjs/cqrs';
import type { OrganisationKind } from '../organisation.events.js';

export interface DirectoryItem {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  /** null for an organisation's main account. */
  department: string | null;
  country: string;
  kind: OrganisationKind;
  /** The organisation's name in Japanese where the directory has one, else null. */
  japaneseName: string | null;
}

/** Recipient accounts matching what the candidate typed, best match first. */
export class SearchDirectoryQuery extends Query<{ items: DirectoryItem[] }> {
  constructor(
    readonly q: string,
    readonly limit: number,
  ) {
    super();
  }
}
