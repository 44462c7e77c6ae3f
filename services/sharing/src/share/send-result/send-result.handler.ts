import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { RecipientsProjection } from '../../projections/recipients.projection.js';
import { ResultsProjection } from '../../projections/results.projection.js';
import { CONSENT_TEXT_VERSION } from '../consent.js';
import { isDelivered, shareDecider } from '../share.decider.js';
import { consentRequired, ShareErrors } from '../share.errors.js';
import { shareIdOf, shareStreamId } from '../share.events.js';
import { SendResultCommand, type SentShare } from './send-result.command.js';

@CommandHandler(SendResultCommand)
export class SendResultHandler implements ICommandHandler<SendResultCommand, SentShare> {
  constructor(
    private readonly store: EventStore,
    private readonly results: ResultsProjection,
    private readonly recipients: RecipientsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: SendResultCommand): Promise<SentShare> {
    if (!command.consented) throw consentRequired();
    const now = this.infra.clock.now();
    // Someone else's result, or one not yet released, is "no such result": its existence is not disclosed.
    const result = command.by.idNumber ? await this.results.findReleased(command.resultId, command.by.idNumber, now) : null;
    if (!result) throw new DomainError('not-found', ShareErrors.RESULT_NOT_FOUND, 'No such result.');
    const recipient = await this.recipients.findActive(command.recipientId);
    if (!recipient) throw new DomainError('not-found', ShareErrors.RECIPIENT_NOT_FOUND, 'No such organisation account.');

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
          resultId: result._id,
          candidateId: command.by.sub,
          recipient: {
            recipientId: recipient._id,
            organisationId: recipient.organisationId,
            organisationName: recipient.organisationName,
            department: recipient.department,
            kind: recipient.kind,
          },
          candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
          result: { ...result.details, verificationCode: result.verificationCode },
          consent: { textVersion: CONSENT_TEXT_VERSION, givenAt: at },
          sharedAt: at,
        },
      },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    const state = decision.state;
    if (state.status === 'none') throw new Error(`share ${shareId} was not recorded`);
    const sharedAt = isDelivered(state) ? state.share.sharedAt : state.pending.requestedAt;
    return { shareId, status: state.status, sharedAt, created: decision.appended.length > 0 };
  }
}
