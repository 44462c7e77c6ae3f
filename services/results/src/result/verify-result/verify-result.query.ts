import { Query } from '@nestjs/cqrs';
import type { ResultDetails } from '#libs/contracts';

/** A genuine Statement of Results, as issued. */
export interface VerifiedResult extends ResultDetails {
  verificationCode: string;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
}

/** The released result whose statement carries this verification code. */
export class VerifyResultQuery extends Query<VerifiedResult> {
  constructor(readonly code: string) {
    super();
  }
}
