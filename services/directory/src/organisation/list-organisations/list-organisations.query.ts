import { Query } from '@nestjs/cqrs';
import type { Organisations } from '#libs/contracts';

/** The operator's list: every organisation, or only those waiting for approval; newest first, at most 200. */
export class ListOrganisationsQuery extends Query<Organisations> {
  constructor(readonly pendingOnly: boolean) {
    super();
  }
}
