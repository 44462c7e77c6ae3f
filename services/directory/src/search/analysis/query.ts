import { hostQuery } from './names.js';
import { tokenize } from './text.js';

/** A typed query, analysed once for both the index and the ranking. */
export interface AnalysedQuery {
  /** The tokens (a host query is one token: the host). */
  tokens: string[];
  /** The tokens joined by one space: compared with whole names. */
  whole: string;
  /** Set when the query is a website or host ("ox.ac.uk"). */
  host: string | null;
}

export function analyseQuery(query: string): AnalysedQuery {
  const host = hostQuery(query);
  const tokens = host ? [host] : tokenize(query);
  return { tokens, whole: tokens.join(' '), host };
}

/** Beginnings of whole names indexed for "the name starts with the query" (both modes look no further). */
export const NAME_PREFIX_MAX = 60;
export const startsWithCounts = (whole: string): boolean => [...whole].length <= NAME_PREFIX_MAX;
