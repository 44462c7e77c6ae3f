import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CurrentResult } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { toCurrentResult } from '../current-result.js';
import { resultDecider } from '../result.decider.js';
import { resultNotFound } from '../result.errors.js';
import { resultStreamId } from '../result.events.js';
import { WithdrawResultCommand } from './withdraw-result.command.js';

@CommandHandler(WithdrawResultCommand)
export class WithdrawResultHandler implements ICommandHandler<WithdrawResultCommand, CurrentResult> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: WithdrawResultCommand): Promise<CurrentResult> {
    const { state } = await runDecider(
      this.store,
      resultStreamId(command.resultId),
      resultDecider,
      { type: 'WithdrawResult', resultId: command.resultId, reason: command.reason, at: this.infra.clock.now().toISOString() },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (state.status === 'none') throw resultNotFound();
    return toCurrentResult(state);
  }
}
