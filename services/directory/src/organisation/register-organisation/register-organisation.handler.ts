import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runDecider } from '#libs/event-store';
import { normaliseWebsite } from '../../invitation/website-domain.js';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { RegisterOrganisationCommand, type RegisteredOrganisationAnswer } from './register-organisation.command.js';

@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand, RegisteredOrganisationAnswer> {
  constructor(private readonly store: EventStore) {}

  async execute(command: RegisterOrganisationCommand): Promise<RegisteredOrganisationAnswer> {
    const { departments, website, aliases, ...fields } = command.organisation;
    const organisationId = randomUUID();
    const names: (string | null)[] = departments.length > 0 ? departments : [null];
    const recipients = names.map((department) => ({ recipientId: randomUUID(), department }));
    await runDecider(
      this.store,
      organisationStreamId(organisationId),
      organisationDecider,
      {
        type: 'RegisterOrganisation',
        data: { ...fields, organisationId, website: normaliseWebsite(website), aliases: [...new Set(aliases)], recipients, firstUser: null },
      },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    return { organisationId, recipients };
  }
}
