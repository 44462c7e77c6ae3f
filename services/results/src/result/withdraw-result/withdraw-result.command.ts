import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { CurrentResult } from '#libs/contracts';

/** The exam centre withdraws a published result, with its reason (a second withdrawal changes nothing). */
export class WithdrawResultCommand extends Command<CurrentResult> {
  constructor(
    readonly resultId: string,
    readonly reason: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
