import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { CurrentResult } from '#libs/contracts';
import type { ResultChanges } from '../result.events.js';

/** The exam centre amends a published result (a re-mark): the fields it gives, and why. */
export class AmendResultCommand extends Command<CurrentResult> {
  constructor(
    readonly resultId: string,
    readonly reason: string,
    readonly proposed: ResultChanges,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
