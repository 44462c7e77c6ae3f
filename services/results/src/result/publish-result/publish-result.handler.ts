import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { EventStore, fold, runDecider } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { entryDecider } from '../../entry/entry.decider.js';
import { entryStreamId } from '../../entry/entry.events.js';
import { resultDecider } from '../result.decider.js';
import { resultStreamId } from '../result.events.js';
import { PublishResultCommand } from './publish-result.command.js';

/** A code printed on the Statement of Results that an organisation can check: 12 base32 characters. */
const newVerificationCode = (): string =>
  randomBytes(8)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'X')
    .toUpperCase()
    .slice(0, 12)
    .replace(/(.{4})(?!$)/g, '$1-');

@CommandHandler(PublishResultCommand)
export class PublishResultHandler implements ICommandHandler<PublishResultCommand, { resultId: string }> {
  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(command: PublishResultCommand): Promise<{ resultId: string }> {
    const entry = fold(await this.store.readStream(entryStreamId(command.idNumber)), entryDecider.evolve, entryDecider.initialState);
    const resultId = randomUUID();
    await runDecider(
      this.store,
      resultStreamId(resultId),
      resultDecider,
      {
        type: 'PublishResult',
        entry,
        data: {
          ...command.details,
          resultId,
          idNumber: command.idNumber,
          releaseAt: command.releaseAt ?? this.infra.clock.now().toISOString(),
          restrictions: command.restrictions,
          verificationCode: newVerificationCode(),
        },
      },
      { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
    );
    return { resultId };
  }
}
