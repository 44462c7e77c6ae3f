import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CurrentResult } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { toCurrentResult } from '../current-result.js';
import { resultDecider } from '../result.decider.js';
import { resultNotFound } from '../result.errors.js';
import { resultStreamId } from '../result.events.js';
import { AmendResultCommand } from './amend-result.command.js';

@CommandHandler(AmendResultCommand)
export class AmendResultHandler implements ICommandHandler<AmendResultCommand, CurrentResult> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: AmendResultCommand): Promise<CurrentResult> {
    const { state } = await runDecider(
      this.store,
      resultStreamId(command.resultId),
      resultDecider,
      { type: 'AmendResult', resultId: command.resultId, reason: command.reason, proposed: command.proposed, at: this.infra.clock.now().toISOString() },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    if (state.status === 'none') throw resultNotFound();
    return toCurrentResult(state);
  }
}
