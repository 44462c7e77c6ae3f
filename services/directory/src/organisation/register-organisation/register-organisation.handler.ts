import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, DomainError, hasCode } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { AccountErrors, IdentityClient } from '../../integration/identity.client.js';
import { normaliseWebsite } from '../../invitation/website-domain.js';
import { organisationDecider } from '../organisation.decider.js';
import { OrganisationErrors } from '../organisation.errors.js';
import { organisationStreamId } from '../organisation.events.js';
import { RegisterOrganisationCommand, type RegisteredOrganisationAnswer } from './register-organisation.command.js';

/**
 * identity creates the organisation's user first (it refuses an address another account has),
 * then the organisation is appended. The id derives from the address, so a repeat after a crash
 * between the two finds its own user in identity and completes; a repeat after success is a 409.
 */
@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand, RegisteredOrganisationAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly identity: IdentityClient,
  ) {}

  async execute(command: RegisterOrganisationCommand): Promise<RegisteredOrganisationAnswer> {
    const { departments, website, aliases, ...fields } = command.organisation;
    const email = fields.email.toLowerCase(); // trimmed by the request DTO
    const organisationId = deterministicUuid(`organisation-email:${email}`);
    const names: (string | null)[] = departments.length > 0 ? departments : [null];
    const recipients = names.map((department) => ({ recipientId: randomUUID(), department }));
    try {
      await this.identity.addOrganisationUser({ organisationId, email, name: null }, command.correlationId);
    } catch (error) {
      if (!hasCode(error, AccountErrors.EMAIL_TAKEN)) throw error;
      throw new DomainError(
        'conflict',
        AccountErrors.EMAIL_TAKEN,
        `${email} already belongs to another account (another organisation, or staff): an organisation needs an address of its own to log in with.`,
      );
    }
    try {
      await runDecider(
        this.store,
        organisationStreamId(organisationId),
        organisationDecider,
        {
          type: 'RegisterOrganisation',
          data: { ...fields, email, organisationId, website: normaliseWebsite(website), aliases: [...new Set(aliases)], recipients, firstUser: null },
        },
        { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
      );
    } catch (error) {
      if (!hasCode(error, OrganisationErrors.EXISTS)) throw error;
      throw new DomainError('conflict', OrganisationErrors.EXISTS, `An organisation with the e-mail address ${email} is already registered.`);
    }
    return { organisationId, recipients };
  }
}
