import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecipientAccount } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { UpdateAccountCommand } from './update-account.command.js';

/**
 * A deactivated account leaves search within a second and sharing refuses new shares to it (it
 * learns of it from RecipientAccountUpdated); the shares it holds stay readable.
 */
@CommandHandler(UpdateAccountCommand)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccountCommand, RecipientAccount> {
  constructor(private readonly store: EventStore) {}

  async execute(command: UpdateAccountCommand): Promise<RecipientAccount> {
    const decision = await runDecider(
      this.store,
      organisationStreamId(command.organisationId),
      organisationDecider,
      { type: 'UpdateAccount', organisationId: command.organisationId, recipientId: command.recipientId, ...command.changes },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    const account = decision.state.status === 'registered' ? decision.state.organisation.accounts.find((a) => a.recipientId === command.recipientId) : undefined;
    if (!account) throw new Error('unreachable: the decider refuses an unknown account');
    return { recipientId: account.recipientId, department: account.department, active: account.active };
  }
}
