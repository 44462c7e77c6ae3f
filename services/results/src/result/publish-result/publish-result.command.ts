import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { ResultDetails } from '#libs/contracts';
import type { Restriction } from '../result.events.js';

export class PublishResultCommand extends Command<{ resultId: string }> {
  constructor(
    readonly idNumber: string,
    readonly details: ResultDetails,
    readonly releaseAt: string | undefined,
    readonly restrictions: Restriction[],
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
