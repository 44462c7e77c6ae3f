import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runDecider } from '#libs/event-store';
import { Accounts } from '../../security/accounts.js';
import { hashPassword } from '../../security/passwords.js';
import { emailTaken, userAccountDecider } from '../user-account.decider.js';
import { userStreamId } from '../user-account.events.js';
import { AddOrganisationUserCommand, type AddedOrganisationUser } from './add-organisation-user.command.js';

/**
 * An organisation's user, asked for by the directory before it appends the organisation: 409 when
 * the address belongs to the operator or another organisation, the same answer (created: false)
 * when it is already this organisation's, so a repeat after a crash goes on. A repeat never sets
 * or changes a password: only a new user gets the one given.
 */
@CommandHandler(AddOrganisationUserCommand)
export class AddOrganisationUserHandler implements ICommandHandler<AddOrganisationUserCommand, AddedOrganisationUser> {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: Accounts,
  ) {}

  async execute(command: AddOrganisationUserCommand): Promise<AddedOrganisationUser> {
    const { organisationId, email, name, password } = command;
    const streamId = userStreamId(email);
    const existing = await this.accounts.byStream(streamId);
    if (existing) {
      if (existing.organisationId !== organisationId) throw emailTaken();
      return { userId: existing.accountId, created: false };
    }
    const passwordHash = password === null ? null : await hashPassword(password);
    const decision = await runDecider(
      this.store,
      streamId,
      userAccountDecider,
      { type: 'AddOrganisationUser', data: { userId: randomUUID(), email, organisationId, name, passwordHash } },
      { correlationId: command.correlationId, causationId: null, actor: 'directory' },
    );
    // The decider refuses another owner, so this is a safety net for the type only.
    if (decision.state.status !== 'organisation-user') throw emailTaken();
    return { userId: decision.state.userId, created: decision.previous.status === 'none' };
  }
}
