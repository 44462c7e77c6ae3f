import { Query } from '@nestjs/cqrs';
import type { MyShares } from '#libs/contracts';

export type { MyShare } from '#libs/contracts';

/** A page of the candidate's "Shared with" list: every share of their results, newest first. */
export class ListMySharesQuery extends Query<MyShares> {
  constructor(
    readonly idNumber: string,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
