import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationEnvelope, ResultAmendedV1, ResultReadV1 } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { candidateAccountDecider, type CandidateAccountCommand } from '../candidate-account/candidate-account.decider.js';
import { candidateStreamId } from '../candidate-account/candidate-account.events.js';
import { NotificationSources } from '../projections/notification-sources.projection.js';

/**
 * Turns a share being opened (ResultRead) or a result being amended (ResultAmended) into a request
 * for an e-mail on the candidate's stream, when the candidate opted in (the decider decides: once
 * per event, nothing without an account). The mail outbox sends it.
 */
@Injectable()
export class CandidateNotifications {
  private readonly logger = new Logger('CandidateNotifications');

  constructor(
    private readonly store: EventStore,
    private readonly sources: NotificationSources,
  ) {}

  async onResultRead(event: IntegrationEnvelope<'ResultRead', ResultReadV1>): Promise<void> {
    const { shareId, resultId, readAt } = event.data;
    // ResultShared comes first on the share's partition and names the organisation; a share identity
    // never saw (sent before it listened) is found by its result, and the organisation left unnamed.
    const share = await this.sources.share(shareId);
    const owner = share ? { idNumber: share.idNumber, qualification: share.qualification } : await this.sources.ownerOf(resultId);
    if (!owner) return this.logger.warn(`ResultRead ${event.eventId}: neither share ${shareId} nor result ${resultId} known here; no e-mail`);
    await this.ask(owner.idNumber, event, {
      type: 'RequestShareOpenedNotification',
      data: {
        sourceEventId: event.eventId,
        resultId,
        qualification: owner.qualification,
        shareId,
        organisationName: share?.organisationName ?? null,
        department: share?.department ?? null,
        readAt,
      },
    });
  }

  async onResultAmended(event: IntegrationEnvelope<'ResultAmended', ResultAmendedV1>): Promise<void> {
    const { resultId, amendedAt, reason, changes, result } = event.data;
    const owner = await this.sources.ownerOf(resultId);
    if (!owner) return this.logger.warn(`ResultAmended ${event.eventId}: result ${resultId} unknown here; no e-mail`);
    await this.ask(owner.idNumber, event, {
      type: 'RequestResultAmendedNotification',
      data: {
        sourceEventId: event.eventId,
        resultId,
        qualification: result.qualification,
        amendedAt,
        reason,
        changes,
        organisations: await this.sources.holdersOf(resultId),
      },
    });
  }

  private async ask(idNumber: string, cause: IntegrationEnvelope, command: CandidateAccountCommand): Promise<void> {
    await runDecider(this.store, candidateStreamId(idNumber), candidateAccountDecider, command, {
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      actor: 'identity',
    });
  }
}
