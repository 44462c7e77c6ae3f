import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, DomainError, hasCode, sha256Hex } from '#libs/domain';
import { EventStore, fold, runDecider, type EventMetadata } from '#libs/event-store';
import { Inject } from '@nestjs/common';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { AccountErrors, IdentityClient } from '../../integration/identity.client.js';
import { organisationDecider } from '../../organisation/organisation.decider.js';
import { OrganisationErrors } from '../../organisation/organisation.errors.js';
import { organisationStreamId } from '../../organisation/organisation.events.js';
import { InvitationsProjection } from '../../projections/invitations.projection.js';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from '../../directory.options.js';
import { invitationDecider } from '../invitation.decider.js';
import { InvitationErrors, invitationAccepted, invitationNotValid as notValid } from '../invitation.errors.js';
import { invitationStreamId } from '../invitation.events.js';
import { AcceptInvitationCommand, type AcceptedInvitation } from './accept-invitation.command.js';


/**
 * Turns an invitation into an organisation with its first account and user (created in identity,
 * which alone keeps the password, before anything is appended here). Two streams, no
 * transaction: the organisation's ids derive from the invitation, so the organisation is
 * appended first (at version 0) and the acceptance after it; whoever created the organisation
 * wins, a repeat gets 409, and a repeat after a crash between the two appends completes it.
 */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand, AcceptedInvitation> {
  constructor(
    private readonly store: EventStore,
    private readonly invitations: InvitationsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
    private readonly identity: IdentityClient,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
  ) {}

  async execute(command: AcceptInvitationCommand): Promise<AcceptedInvitation> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(command.token)) throw notValid();
    const tokenHash = sha256Hex(command.token);
    const view = await this.invitations.view.findOne({ tokenHash });
    if (!view) throw notValid();
    const streamId = invitationStreamId(view._id);
    const state = fold(await this.store.readStream(streamId), invitationDecider.evolve, invitationDecider.initialState);
    if (state.status === 'none') throw notValid();
    const { invitation } = state;
    const organisationId = deterministicUuid(`invitation-organisation:${invitation.invitationId}`);
    const recipientId = deterministicUuid(`invitation-recipient:${invitation.invitationId}`);
    const accept = { type: 'AcceptInvitation' as const, tokenHash, organisationId, recipientId, now: this.infra.clock.now().toISOString() };
    invitationDecider.decide(accept, state); // 404 / 409 before identity is asked
    // The first user (and their password) goes to identity first: nothing is appended when the
    // address belongs to another account. Idempotent there, so a repeat after a crash goes on.
    try {
      await this.identity.addOrganisationUser(
        { organisationId, email: invitation.email.trim().toLowerCase(), name: command.contactName, password: command.password },
        command.correlationId,
      );
    } catch (error) {
      if (!hasCode(error, AccountErrors.EMAIL_TAKEN)) throw error;
      throw new DomainError(
        'conflict',
        AccountErrors.EMAIL_TAKEN,
        `The invited address ${invitation.email} already belongs to another account, so it cannot log in to this organisation. Ask to be invited at another address.`,
      );
    }
    const metadata: EventMetadata = { correlationId: command.correlationId, causationId: null, actor: `invitation:${invitation.invitationId}` };
    let created = true;
    try {
      await runDecider(this.store, organisationStreamId(organisationId), organisationDecider, {
        type: 'RegisterOrganisation',
        data: {
          organisationId,
          name: invitation.organisationName,
          kind: command.kind,
          country: command.country,
          website: invitation.website,
          email: invitation.email,
          aliases: [],
          recipients: [{ recipientId, department: null }],
          firstUser: { email: invitation.email, contactName: command.contactName },
          // INVITATION_APPROVAL=required: out of search until the operator approves it.
          approved: this.options.invitationApproval !== 'required',
        },
      }, metadata);
    } catch (error) {
      if (!hasCode(error, OrganisationErrors.EXISTS)) throw error;
      created = false;
    }
    try {
      const decision = await runDecider(this.store, streamId, invitationDecider, accept, metadata);
      for (const event of decision.appended) await this.invitations.apply(event);
    } catch (error) {
      // A racing request completed our acceptance: the organisation is still ours.
      if (!(created && hasCode(error, InvitationErrors.ACCEPTED))) throw error;
    }
    if (!created) throw invitationAccepted();
    return { organisationId, recipientId };
  }
}
