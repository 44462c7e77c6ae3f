import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AddedAccount } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { AddAccountCommand } from './add-account.command.js';

/** The new account is searchable within a second (RecipientAccountUpdated tells the other services). */
@CommandHandler(AddAccountCommand)
export class AddAccountHandler implements ICommandHandler<AddAccountCommand, AddedAccount> {
  constructor(private readonly store: EventStore) {}

  async execute(command: AddAccountCommand): Promise<AddedAccount> {
    const recipientId = randomUUID();
    await runDecider(
      this.store,
      organisationStreamId(command.organisationId),
      organisationDecider,
      { type: 'AddAccount', organisationId: command.organisationId, recipientId, department: command.department },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    return { recipientId, department: command.department };
  }
}
