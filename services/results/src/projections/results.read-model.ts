import type { VersionedDoc } from '#libs/projections';
import type { PublishedResult } from '../result/result.events.js';

/** One published result, as candidates and the statement see it. */
export interface ResultView extends VersionedDoc, Omit<PublishedResult, 'resultId'> {
  publishedAt: string;
}

export const RESULTS_VIEW = 'results_view';
