import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MyShare } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { shareViewOf } from '../../projections/shares.projection.js';
import { toMyShare } from '../list-my-shares/list-my-shares.handler.js';
import { shareDecider } from '../share.decider.js';
import { shareNotFound } from '../share.errors.js';
import { shareStreamId, UUID_PATTERN } from '../share.events.js';
import { WithdrawShareCommand } from './withdraw-share.command.js';

@CommandHandler(WithdrawShareCommand)
export class WithdrawShareHandler implements ICommandHandler<WithdrawShareCommand, MyShare> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: WithdrawShareCommand): Promise<MyShare> {
    if (!UUID_PATTERN.test(command.shareId)) throw shareNotFound();
    const shareId = command.shareId.toLowerCase();
    const stream = shareStreamId(shareId);
    // Decided on the stream (appended at the version read): a withdrawal and the organisation's
    // first opening at the same moment cannot both happen; the loser decides again and sees the
    // winner (a withdrawal after the read is refused with 409, an opening after it reads nothing).
    await runDecider(
      this.store,
      stream,
      shareDecider,
      { type: 'WithdrawShare', data: { candidateId: command.candidateId, withdrawnAt: this.infra.clock.now().toISOString() } },
      { correlationId: command.correlationId, causationId: null, actor: command.candidateId },
    );
    // Answered from the stream, so the answer already shows it withdrawn (the list follows within a second).
    const view = shareViewOf(shareId, await this.store.readStream(stream));
    if (!view) throw shareNotFound();
    return toMyShare(view);
  }
}
