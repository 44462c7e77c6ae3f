import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { ResultDetails } from '#libs/contracts';
import type { ShareStatus } from '../../projections/shares.read-model.js';

export interface OpenedShare {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  recipient: { recipientId: string; organisationName: string; department: string | null };
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: ResultDetails & { verificationCode: string };
}

/** An organisation user opens a shared result; the first opening marks it read. */
export class OpenShareCommand extends Command<OpenedShare> {
  constructor(
    readonly shareId: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
