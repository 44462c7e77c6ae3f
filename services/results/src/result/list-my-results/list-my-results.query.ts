import { Query } from '@nestjs/cqrs';
import type { MyResult } from '#libs/contracts';

export type { MyResult };

/** A candidate's own released results, newest exam first. */
export class ListMyResultsQuery extends Query<{ items: MyResult[] }> {
  constructor(readonly idNumber: string) {
    super();
  }
}
