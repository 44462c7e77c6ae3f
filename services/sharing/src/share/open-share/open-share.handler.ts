import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { isDelivered, shareDecider } from '../share.decider.js';
import { shareNotFound } from '../share.errors.js';
import { shareStreamId, UUID_PATTERN } from '../share.events.js';
import { OpenShareCommand, type OpenedShare } from './open-share.command.js';

@CommandHandler(OpenShareCommand)
export class OpenShareHandler implements ICommandHandler<OpenShareCommand, OpenedShare> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: OpenShareCommand): Promise<OpenedShare> {
    const organisationId = command.by.organisationId;
    if (!organisationId || !UUID_PATTERN.test(command.shareId)) {
      throw shareNotFound();
    }
    // Answered from the stream itself, so the first opening already shows it read.
    const { state } = await runDecider(
      this.store,
      shareStreamId(command.shareId.toLowerCase()),
      shareDecider,
      { type: 'ReadShare', data: { organisationId, readAt: this.infra.clock.now().toISOString(), readBy: command.by.sub } },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (!isDelivered(state)) throw shareNotFound();
    const { share } = state;
    return {
      shareId: share.shareId,
      status: state.status,
      sharedAt: share.sharedAt,
      readAt: state.readAt,
      recipient: { recipientId: share.recipient.recipientId, organisationName: share.recipient.organisationName, department: share.recipient.department },
      candidate: { ...share.candidate },
      result: { ...share.result },
    };
  }
}
