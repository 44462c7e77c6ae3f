import type { VersionedDoc } from '#libs/projections';
import type { PublishedResult } from '../result/result.events.js';

/** One published result, as candidates and the statement see it: the current version (amendments applied). */
export interface ResultView extends VersionedDoc, Omit<PublishedResult, 'resultId'> {
  publishedAt: string;
  /** The last amendment, when there was one (the details are then its current version). */
  lastAmendment?: { at: string; reason: string };
  /** When the exam centre withdrew the result; from then on its statement verifies as "withdrawn". */
  withdrawnAt?: string;
  withdrawalReason?: string;
}

export const RESULTS_VIEW = 'results_view';
