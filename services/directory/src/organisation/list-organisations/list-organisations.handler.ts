import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Organisations } from '#libs/contracts';
import { OrganisationsProjection } from '../../projections/organisations.projection.js';
import { organisationAnswer } from '../organisation.response.dto.js';
import { ListOrganisationsQuery } from './list-organisations.query.js';

export const LIST_LIMIT = 200;

@QueryHandler(ListOrganisationsQuery)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisationsQuery, Organisations> {
  constructor(private readonly organisations: OrganisationsProjection) {}

  async execute(query: ListOrganisationsQuery): Promise<Organisations> {
    return { items: (await this.organisations.list(query.pendingOnly, LIST_LIMIT)).map(organisationAnswer) };
  }
}
