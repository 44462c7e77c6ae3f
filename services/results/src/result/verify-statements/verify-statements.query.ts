import { Query } from '@nestjs/cqrs';
import type { BulkVerification, VerifyStatementBody } from '#libs/contracts';

/** An organisation checks up to 2,000 statements at once, answered in the order sent. */
export class VerifyStatementsQuery extends Query<BulkVerification> {
  constructor(
    readonly items: readonly VerifyStatementBody[],
    readonly organisationId: string,
  ) {
    super();
  }
}
