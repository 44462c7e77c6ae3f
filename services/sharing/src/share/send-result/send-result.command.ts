import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { ShareStatus } from '../../projections/shares.read-model.js';

export interface SentShare {
  shareId: string;
  status: ShareStatus;
  /** Absent for a share that waits for an invited organisation. */
  sharedAt?: string;
  /** 201 sent, 200 a repeat (the same share, as it is now), 202 waiting for an invited organisation. */
  outcome: 'created' | 'repeat' | 'pending';
}

/** To a listed recipient account, or to an organisation the candidate invited (it waits until it joins). */
export type SendTarget = { recipientId: string } | { invitationId: string };

export class SendResultCommand extends Command<SentShare> {
  constructor(
    readonly resultId: string,
    readonly target: SendTarget,
    readonly consented: boolean,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
