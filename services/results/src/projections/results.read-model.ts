import type { VersionedDoc } from '#libs/projections';
import type { PublishedResult } from '../result/result.events.js';

/** One published result, as candidates and the statement see it. */
export interface ResultView extends VersionedDoc, Omit<PublishedResult, 'resultId'> {
  publishedAt: string;
  /**
   * When the exam centre withdrew the result (issue 12's ResultWithdrawn, not built yet: nothing
   * sets it today); from then on its statement verifies as "withdrawn".
   */
  withdrawnAt?: string;
}

export const RESULTS_VIEW = 'results_view';
