import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { ShareStatus } from '../../projections/shares.read-model.js';

export interface SentShare {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  /** False when the same result had already been sent to the same account. */
  created: boolean;
}

export class SendResultCommand extends Command<SentShare> {
  constructor(
    readonly resultId: string,
    readonly recipientId: string,
    readonly consented: boolean,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
