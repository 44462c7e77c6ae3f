import { Query } from '@nestjs/cqrs';
import type { ResultDetails } from '#libs/contracts';

export interface MyResult extends ResultDetails {
  resultId: string;
  releasedAt: string;
  restrictions: string[];
  verificationCode: string;
}

/** A candidate's own released results, newest exam first. */
export class ListMyResultsQuery extends Query<{ items: MyResult[] }> {
  constructor(readonly idNumber: string) {
    super();
  }
}
