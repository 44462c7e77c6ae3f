import { Query } from '@nestjs/cqrs';
import type { Organisation } from '#libs/contracts';

/** One organisation with every account, as its stream now has it. */
export class GetOrganisationQuery extends Query<Organisation> {
  constructor(readonly organisationId: string) {
    super();
  }
}
