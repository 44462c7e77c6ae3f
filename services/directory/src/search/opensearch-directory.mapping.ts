import { NAME_PREFIX_MAX, startsWithCounts, type AnalysedQuery } from './analysis/index.js';

/**
 * Index settings, mapping and candidate query for the OpenSearch typeahead over recipient accounts.
 *
 * Text arrives analysed (src/search/analysis: NFKC, case, accents, kana, CJK bigrams, acronyms,
 * domains): the index only splits on spaces, so it holds the very tokens the embedded index
 * holds. `t_*` fields are the token fields; `all` / `allPrefix` all of them together (copy_to),
 * whole words and edge n-grams (every beginning of a word, for typeahead); `whole_names` each
 * name whole (exact matches); `doc` the account as the ranking reads it (stored, not indexed);
 * `popularity` the organisation's share count (a rank feature).
 *
 * Only analysis-common and mapper-extras are needed: NFKC, kana folding and CJK bigrams are done
 * before the text reaches either index (the ICU plugin is not on Maven Central at all, kuromoji
 * not at this engine's version 2.19.6, and the embedded mode could not use them anyway).
 */

/** Part of the physical index name: a change of mapping makes a new index, filled from events at boot. */
export const DIRECTORY_INDEX_VERSION = 'v4';

const tokens = (copyTo: string[]) => ({ type: 'text', analyzer: 'tokens', copy_to: copyTo, norms: false }) as const;

export const DIRECTORY_INDEX_BODY = {
  settings: {
    number_of_shards: 1,
    number_of_replicas: 0,
    max_ngram_diff: NAME_PREFIX_MAX,
    analysis: {
      filter: {
        directory_edge_ngram: { type: 'edge_ngram', min_gram: 1, max_gram: 30 },
        name_edge_ngram: { type: 'edge_ngram', min_gram: 1, max_gram: NAME_PREFIX_MAX },
      },
      analyzer: {
        tokens: { type: 'custom', tokenizer: 'whitespace', filter: [] },
        tokens_prefix: { type: 'custom', tokenizer: 'whitespace', filter: ['directory_edge_ngram'] },
        // a whole name's beginnings: "the name starts with the query" is then one term lookup
        name_prefix: { type: 'custom', tokenizer: 'keyword', filter: ['name_edge_ngram'] },
      },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      recipientId: { type: 'keyword' },
      organisationId: { type: 'keyword' },
      t_names: tokens(['all', 'allPrefix']),
      t_department: tokens(['all', 'allPrefix']),
      t_keys: { type: 'text', analyzer: 'tokens', copy_to: ['all', 'allPrefix'], norms: false, fields: { exact: { type: 'keyword' } } },
      t_country: tokens(['all']),
      whole_names: { type: 'keyword', fields: { prefix: { type: 'text', analyzer: 'name_prefix', search_analyzer: 'keyword', norms: false } } },
      known: { type: 'boolean' },
      popularity: { type: 'rank_feature' },
      nameLength: { type: 'integer' },
      doc: { type: 'object', enabled: false },
      all: { type: 'text', analyzer: 'tokens', norms: false },
      allPrefix: { type: 'text', analyzer: 'tokens_prefix', search_analyzer: 'tokens', norms: false },
    },
  },
} as const;

/** A clause that counts as a fixed amount when it matches, whatever BM25 would say. */
const tier = (boost: number, filter: Record<string, unknown>) => ({ constant_score: { filter, boost } });

/**
 * The candidate query: the accounts the shared ranking (analysis/ranking.ts) could put first,
 * roughly in its order (its tiers as constant scores), so that the `size` best hold them.
 * Without `typos` it leaves out the fuzzy clauses (the costly part): the adapter asks again
 * with them only when fewer than `limit` accounts match every typed word without a typo, since
 * a typo's tier ranks below all of those.
 */
export function directoryQuery(q: AnalysedQuery, size: number, typos = true): Record<string, unknown> {
  const text = q.tokens.join(' ');
  // prefix_length 1: the first letter is taken as typed (as the ranking does), which keeps fuzzy matching cheap.
  const fuzzy = { query: text, operator: 'and', fuzziness: 'AUTO:4,7', prefix_length: 1, max_expansions: 50 };
  const single = q.tokens.length === 1 ? q.tokens[0] : null;
  const matching = [
    tier(300, { term: { whole_names: q.whole } }),
    ...(single ? [tier(300, { term: { 't_keys.exact': single } })] : []),
    ...(q.host ? [tier(100, { prefix: { 't_keys.exact': q.host } })] : []),
    tier(150, { match: { all: { query: text, operator: 'and' } } }),
    tier(100, { match: { allPrefix: { query: text, operator: 'and' } } }),
    ...(typos ? [tier(50, { match: { all: fuzzy } }), tier(50, { match: { allPrefix: fuzzy } })] : []),
    // some typed words (the ranking uses them only when no account matches them all)
    tier(0.5, { match: { allPrefix: { query: text } } }),
  ];
  return {
    size,
    track_total_hits: false,
    _source: ['doc', 'popularity'],
    sort: [{ _score: { order: 'desc' } }, { nameLength: { order: 'asc' } }, { recipientId: { order: 'asc' } }],
    query: {
      bool: {
        must: [{ bool: { should: matching, minimum_should_match: 1 } }],
        // order within a tier, as the ranking does; no match on their own
        should: [
          ...(startsWithCounts(q.whole) ? [tier(8, { term: { 'whole_names.prefix': q.whole } })] : []),
          tier(6, { term: { known: true } }),
          { rank_feature: { field: 'popularity', log: { scaling_factor: 1 }, boost: 2.5 } },
        ],
      },
    },
  };
}
