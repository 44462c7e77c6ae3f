import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Organisation } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { organisationAnswer } from '../organisation.response.dto.js';
import { ApproveOrganisationCommand } from './approve-organisation.command.js';

/**
 * Idempotent: an organisation already approved (or never waiting) answers as it is. On approval it
 * enters search, and sharing delivers the shares waiting for it (OrganisationUpdated, approved).
 */
@CommandHandler(ApproveOrganisationCommand)
export class ApproveOrganisationHandler implements ICommandHandler<ApproveOrganisationCommand, Organisation> {
  constructor(private readonly store: EventStore) {}

  async execute(command: ApproveOrganisationCommand): Promise<Organisation> {
    const decision = await runDecider(
      this.store,
      organisationStreamId(command.organisationId),
      organisationDecider,
      { type: 'ApproveOrganisation', organisationId: command.organisationId },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (decision.state.status === 'none') throw new Error('unreachable: the decider refuses an unknown organisation');
    return organisationAnswer(decision.state.organisation);
  }
}
