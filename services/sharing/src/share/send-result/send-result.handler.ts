import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { EventStore, runDecider, type EventMetadata } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { hasExpired, InvitationsProjection } from '../../projections/invitations.projection.js';
import { RecipientsProjection, type RecipientAccount } from '../../projections/recipients.projection.js';
import { ResultsProjection, type SharableResult } from '../../projections/results.projection.js';
import { CONSENT_TEXT_VERSION } from '../consent.js';
import { isDelivered, shareDecider } from '../share.decider.js';
import { consentRequired, ShareErrors } from '../share.errors.js';
import { invitedRecipientIdOf, invitedShareIdOf, shareIdOf, shareStreamId } from '../share.events.js';
import { SendResultCommand, type SentShare } from './send-result.command.js';

export const INVITATION_NOT_FOUND_MESSAGE = 'No such invitation of yours. Results can be attached only to an organisation you invited.';
export const INVITATION_EXPIRED_MESSAGE = 'This invitation has expired, so results can no longer be attached to it. Invite the organisation again.';

@CommandHandler(SendResultCommand)
export class SendResultHandler implements ICommandHandler<SendResultCommand, SentShare> {
  constructor(
    private readonly store: EventStore,
    private readonly results: ResultsProjection,
    private readonly recipients: RecipientsProjection,
    private readonly invitations: InvitationsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: SendResultCommand): Promise<SentShare> {
    if (!command.consented) throw consentRequired();
    const now = this.infra.clock.now();
    // Someone else's result, or one not yet released, is "no such result": its existence is not disclosed.
    const result = command.by.idNumber ? await this.results.findReleased(command.resultId, command.by.idNumber, now) : null;
    if (!result) throw new DomainError('not-found', ShareErrors.RESULT_NOT_FOUND, 'No such result.');
    if ('recipientId' in command.target) {
      const recipient = await this.recipients.findActive(command.target.recipientId);
      if (!recipient) throw new DomainError('not-found', ShareErrors.RECIPIENT_NOT_FOUND, 'No such organisation account.');
      return this.sendTo(recipient, result, command, now);
    }
    return this.sendToInvitation(command.target.invitationId, result, command, now);
  }

  private metadata(command: SendResultCommand): EventMetadata {
    return { correlationId: command.correlationId, causationId: null, actor: command.by.sub };
  }

  private snapshot(result: SharableResult, command: SendResultCommand, at: string) {
    return {
      resultId: result._id,
      candidateId: command.by.sub,
      candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
      result: { ...result.details, verificationCode: result.verificationCode },
      consent: { textVersion: CONSENT_TEXT_VERSION, givenAt: at },
    };
  }

  private async sendTo(recipient: RecipientAccount, result: SharableResult, command: SendResultCommand, now: Date): Promise<SentShare> {
    const shareId = shareIdOf(result._id, recipient._id);
    const at = now.toISOString();
    const decision = await runDecider(
      this.store,
      shareStreamId(shareId),
      shareDecider,
      {
        type: 'SendResult',
        consented: command.consented,
        restrictions: result.restrictions,
        data: {
          shareId,
          ...this.snapshot(result, command, at),
          recipient: {
            recipientId: recipient._id,
            organisationId: recipient.organisationId,
            organisationName: recipient.organisationName,
            department: recipient.department,
            kind: recipient.kind,
          },
          sharedAt: at,
        },
      },
      this.metadata(command),
    );
    const state = decision.state;
    if (state.status === 'none') throw new Error(`share ${shareId} was not recorded`);
    if (!isDelivered(state)) return { shareId, status: state.status, outcome: 'pending' };
    return { shareId, status: state.status, sharedAt: state.share.sharedAt, outcome: decision.appended.length > 0 ? 'created' : 'repeat' };
  }

  /**
   * To an organisation the candidate invited: only their own invitation, not expired. Once the
   * organisation has joined (its account is listed) it is an ordinary send; until then the share
   * waits (202 pending) under the id it keeps, and is delivered when the organisation joins.
   */
  private async sendToInvitation(invitationId: string, result: SharableResult, command: SendResultCommand, now: Date): Promise<SentShare> {
    const invitation = await this.invitations.find(invitationId);
    if (!invitation || invitation.invitedBy !== command.by.sub) {
      throw new DomainError('not-found', ShareErrors.INVITATION_NOT_FOUND, INVITATION_NOT_FOUND_MESSAGE);
    }
    if (hasExpired(invitation, now)) throw new DomainError('unprocessable', ShareErrors.INVITATION_CLOSED, INVITATION_EXPIRED_MESSAGE);
    if (invitation.status === 'accepted') {
      // Joined and listed: an ordinary send (an inactive account refuses it, 422). Joined but awaiting
      // the operator's approval: the share waits, and is delivered on approval.
      const recipientId = invitation.recipientId ?? invitedRecipientIdOf(invitationId);
      const listed = await this.recipients.find(recipientId);
      if (listed && listed.approved !== false) {
        const account = await this.recipients.findActive(recipientId);
        if (account) return this.sendTo(account, result, command, now);
      }
    }
    const shareId = invitedShareIdOf(result._id, invitationId);
    const at = now.toISOString();
    const decision = await runDecider(
      this.store,
      shareStreamId(shareId),
      shareDecider,
      {
        type: 'RequestShareToInvitation',
        consented: command.consented,
        data: { shareId, ...this.snapshot(result, command, at), invitationId, organisationName: invitation.organisationName, requestedAt: at },
      },
      this.metadata(command),
    );
    const state = decision.state;
    if (state.status === 'none') throw new Error(`share ${shareId} was not recorded`);
    // Delivered meanwhile (the organisation joined a moment ago): the share as it is now.
    if (isDelivered(state)) return { shareId, status: state.status, sharedAt: state.share.sharedAt, outcome: 'repeat' };
    return { shareId, status: state.status, outcome: 'pending' };
  }
}
