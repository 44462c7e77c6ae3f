import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Organisation } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { normaliseWebsite } from '../../invitation/website-domain.js';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { organisationAnswer } from '../organisation.response.dto.js';
import { UpdateOrganisationCommand } from './update-organisation.command.js';

/** Search, identity and sharing learn of the edit from OrganisationUpdated (search within a second). */
@CommandHandler(UpdateOrganisationCommand)
export class UpdateOrganisationHandler implements ICommandHandler<UpdateOrganisationCommand, Organisation> {
  constructor(private readonly store: EventStore) {}

  async execute(command: UpdateOrganisationCommand): Promise<Organisation> {
    const { website, ...changes } = command.changes;
    const decision = await runDecider(
      this.store,
      organisationStreamId(command.organisationId),
      organisationDecider,
      {
        type: 'UpdateOrganisation',
        organisationId: command.organisationId,
        changes: { ...changes, ...(typeof website === 'string' ? { website: normaliseWebsite(website) } : {}) },
      },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (decision.state.status === 'none') throw new Error('unreachable: the decider refuses an unknown organisation');
    return organisationAnswer(decision.state.organisation);
  }
}
