import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Organisation } from '#libs/contracts';
import { EventStore, fold } from '#libs/event-store';
import { organisationDecider } from '../organisation.decider.js';
import { organisationNotFound } from '../organisation.errors.js';
import { organisationStreamId } from '../organisation.events.js';
import { organisationAnswer } from '../organisation.response.dto.js';
import { GetOrganisationQuery } from './get-organisation.query.js';

/** Read from the stream, not a read model: the operator sees an edit they just made. */
@QueryHandler(GetOrganisationQuery)
export class GetOrganisationHandler implements IQueryHandler<GetOrganisationQuery, Organisation> {
  constructor(private readonly store: EventStore) {}

  async execute(query: GetOrganisationQuery): Promise<Organisation> {
    const state = fold(await this.store.readStream(organisationStreamId(query.organisationId)), organisationDecider.evolve, organisationDecider.initialState);
    if (state.status === 'none') throw organisationNotFound(query.organisationId);
    return organisationAnswer(state.organisation);
  }
}
