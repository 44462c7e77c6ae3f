import type { AnalysedQuery } from './query.js';
import type { SearchDocument } from './search-document.js';
import { allowedEdits, fuzzyMatch, isGeneric, tokenize, wholeText } from './text.js';

/**
 * The ranking both modes share: the index adapters find candidates, this orders them, so that
 * the embedded and the distributed mode put the same accounts first.
 *
 * Tiers (each beats everything below it, whatever the signals within a tier add, at most 40):
 *   300  the whole query is a name, an alias, an acronym of the organisation or its host
 *        (a derived acronym only when it is the only organisation among the candidates with
 *        it; a curated acronym +25 over one a name spells out: "MIT" is MIT before "MIT World
 *        Peace University")
 *   150  every typed word is a whole word of the account
 *   100  every typed word is a whole word or the beginning of one (typeahead)
 *    50  every typed word matches, some only with a typo (transpositions count as one edit)
 *  0-20  some typed words match (by how many)
 * Within a tier: the name starts with the query (+8), how much of the name the query covers,
 * rarer words weighing more (up to +10), a well-known organisation (+6), how often candidates
 * send to it (popularity, up to +8), a department the query names (+6) or does not (-3).
 */
export const TIERS = { exact: 300, whole: 150, prefix: 100, fuzzy: 50, partial: 20 } as const;

/**
 * Whether to look again with typos: when fewer than `limit` accounts match every word as typed
 * (a typo's tier ranks below all of those), unless the query is exactly a name, an acronym or
 * a host (then what was typed is what was meant), or no typed word is long enough to carry a
 * typo. Both adapters ask this.
 */
export function needsTypoSearch(query: AnalysedQuery, ranked: readonly Ranked[], limit: number): boolean {
  // Short words and CJK are never matched with a typo: nothing more to find.
  if (!query.tokens.some((t) => allowedEdits(t) > 0)) return false;
  if ((ranked[0]?.score ?? 0) >= TIERS.exact) return false;
  return ranked.length < limit || !ranked.slice(0, limit).every((r) => r.score >= AS_TYPED);
}

/** Candidates an index hands the ranking: enough that its first `limit` are among them. */
export const poolSize = (limit: number): number => Math.max(40, limit * 4);

/** Below this score an account matched with a typo or only in part; at or above, every word as typed. */
export const AS_TYPED = TIERS.prefix - 10;

const enum Match {
  None = 0,
  Fuzzy = 1,
  Prefix = 2,
  Whole = 3,
}

interface Prepared {
  doc: SearchDocument;
  variants: string[][];
  wholeNames: string[];
  department: string[];
  other: string[];
  country: string[];
}

export interface Ranked {
  doc: SearchDocument;
  score: number;
}

/** A ranked document as either index answers it (the hit's fields, its score). */
export const toHit = ({ doc, score }: Ranked) => ({
  recipientId: doc.recipientId,
  organisationId: doc.organisationId,
  organisationName: doc.organisationName,
  department: doc.department,
  country: doc.country,
  kind: doc.kind,
  japaneseName: doc.japaneseName ?? null,
  score,
});

function matchToken(token: string, words: readonly string[], edits: number): Match {
  let best = Match.None;
  for (const word of words) {
    if (word === token) return Match.Whole;
    if (word.startsWith(token)) best = Match.Prefix;
    else if (best === Match.None && edits > 0 && fuzzyMatch(token, word, edits)) best = Match.Fuzzy;
  }
  return best;
}

const weight = (token: string): number => (isGeneric(token) ? 0.2 : 1);

/** How much of a name the matched tokens cover, generic words weighing little: 0..1. */
function coverage(variant: readonly string[], matched: ReadonlySet<string>): number {
  let total = 0;
  let hit = 0;
  for (const t of variant) {
    total += weight(t);
    if (matched.has(t)) hit += weight(t);
  }
  return total === 0 ? 0 : hit / total;
}

const preparedCache = new WeakMap<SearchDocument, Prepared>();

/** The tokens the ranking reads, made once per document object (the in-memory index keeps its objects). */
function prepare(doc: SearchDocument): Prepared {
  const cached = preparedCache.get(doc);
  if (cached) return cached;
  const variants = doc.names.map(tokenize);
  const prepared: Prepared = {
    doc,
    variants,
    wholeNames: variants.map((v) => v.join(' ')),
    department: doc.department ? tokenize(doc.department) : [],
    other: [...doc.acronyms, ...doc.spelledAcronyms, ...(doc.derivedAcronym ? [doc.derivedAcronym] : []), ...doc.domainWords],
    country: tokenize(doc.country),
  };
  preparedCache.set(doc, prepared);
  return prepared;
}

const popularityBonus = (shares: number): number => Math.min(8, 2.5 * Math.log1p(Math.max(0, shares)));

/** Orders candidates best first (ties: shorter name, then recipientId); drops those that match nothing. */
export function rank(query: AnalysedQuery, docs: readonly SearchDocument[], popularity: (organisationId: string) => number): Ranked[] {
  if (query.tokens.length === 0) return [];
  const prepared = docs.map(prepare);
  // A derived acronym is exact only if it names one organisation among the candidates.
  const single = query.tokens.length === 1 ? query.tokens[0] : null;
  const derivedOwners = new Set(prepared.filter((p) => single !== null && p.doc.derivedAcronym === single).map((p) => p.doc.organisationId));
  const curatedOwner = prepared.some((p) => single !== null && p.doc.acronyms.includes(single));
  const acronymUnambiguous = derivedOwners.size === 1 && !curatedOwner;

  const ranked: (Ranked & { full: boolean })[] = [];
  for (const p of prepared) {
    const { score, full } = scoreOf(p, query, acronymUnambiguous);
    if (score <= 0) continue;
    ranked.push({ doc: p.doc, full, score: score + (p.doc.known ? 6 : 0) + popularityBonus(popularity(p.doc.organisationId)) });
  }
  // Every typed word must match; only when no account matches them all do partial matches count.
  const kept = ranked.some((r) => r.full) ? ranked.filter((r) => r.full) : ranked;
  return kept.map(({ doc, score }) => ({ doc, score })).sort(
    (a, b) => b.score - a.score || a.doc.nameLength - b.doc.nameLength || (a.doc.recipientId < b.doc.recipientId ? -1 : a.doc.recipientId > b.doc.recipientId ? 1 : 0),
  );
}

function scoreOf(p: Prepared, query: AnalysedQuery, acronymUnambiguous: boolean): { score: number; full: boolean } {
  const { doc } = p;
  const deptPenalty = doc.department ? -3 : 0;
  if (query.host) {
    const host = query.host;
    if (doc.hosts.includes(host)) return { score: TIERS.exact + deptPenalty, full: true };
    if (doc.hosts.some((h) => h.startsWith(host))) return { score: TIERS.prefix + deptPenalty, full: true };
    return { score: 0, full: false };
  }
  const single = query.tokens.length === 1 ? query.tokens[0] : null;
  const nameWords = p.variants.flat();
  const matchedNameTokens = new Set<string>();
  let worst = Match.Whole;
  let matched = 0;
  let deptMatched = 0;
  for (const token of query.tokens) {
    const edits = allowedEdits(token);
    const inName = matchToken(token, nameWords, edits);
    const inDept = matchToken(token, p.department, edits);
    // The country counts as a whole word only ("Jap" is no reason to list every Japanese name).
    const inOther = Math.max(matchToken(token, p.other, edits), p.country.includes(token) ? Match.Whole : Match.None) as Match;
    const best = Math.max(inName, inDept, inOther) as Match;
    if (best === Match.None) continue;
    matched++;
    worst = Math.min(worst, best);
    if (inName === Match.Whole) matchedNameTokens.add(token);
    else if (inName === Match.Prefix) for (const w of nameWords) if (w.startsWith(token)) matchedNameTokens.add(w);
    // A department the query names: a word found there and not (as well) in the name.
    if (inDept > inName && !isGeneric(token)) deptMatched++;
  }
  if (matched === 0) return { score: 0, full: false };

  const curated = single !== null && doc.acronyms.includes(single);
  const exact =
    curated ||
    p.wholeNames.includes(query.whole) ||
    (single !== null && (doc.spelledAcronyms.includes(single) || (acronymUnambiguous && doc.derivedAcronym === single)));
  let base: number;
  if (exact) base = TIERS.exact + (curated ? 25 : 0);
  else if (matched < query.tokens.length) return { score: (TIERS.partial * matched) / query.tokens.length + deptPenalty / 3, full: false };
  else base = worst === Match.Whole ? TIERS.whole : worst === Match.Prefix ? TIERS.prefix : TIERS.fuzzy;

  const startsWith = p.wholeNames.some((n) => n === query.whole || n.startsWith(`${query.whole}`)) ? 8 : 0;
  const cover = Math.max(0, ...p.variants.map((v) => coverage(v, matchedNameTokens)));
  const department = doc.department ? (deptMatched > 0 ? 6 : -3) : 0;
  return { score: base + startsWith + 10 * cover + department, full: true };
}

/** For tests and the quality report: a whole name as the ranking compares it. */
export const comparable = wholeText;
