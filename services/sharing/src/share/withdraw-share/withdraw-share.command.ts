import { Command } from '@nestjs/cqrs';
import type { MyShare } from '#libs/contracts';

/** The candidate takes a share back before the organisation has opened it. */
export class WithdrawShareCommand extends Command<MyShare> {
  constructor(
    readonly shareId: string,
    /** The candidate's account: only the share's own candidate may withdraw it. */
    readonly candidateId: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
