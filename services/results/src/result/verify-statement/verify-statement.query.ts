import { Query } from '@nestjs/cqrs';
import type { StatementVerification } from '#libs/contracts';

/** Anyone holding a statement: its code and the candidate's date of birth. */
export class VerifyStatementQuery extends Query<StatementVerification> {
  constructor(
    readonly code: string,
    readonly dateOfBirth: string,
    /** The caller's address: the service's own limit, beside the gateway's. */
    readonly clientKey: string,
  ) {
    super();
  }
}
