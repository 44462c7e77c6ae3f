/**
 * Index settings, mapping and query for the OpenSearch typeahead over recipient accounts.
 *
 * Every text is lowercased and accent-folded (asciifolding) at index and at search time.
 * - `organisationName`, `department`, `aliases`: whole words (`folded`), plus `.prefix`
 *   (edge n-grams at index time: "cambridge" -> "c", "ca", ..., searched with `folded`, so a
 *   typed word matches any word that starts with it) and `.exact` (the whole value folded).
 * - `all` / `allPrefix`: name + department + aliases together (copy_to), so that one query can
 *   span fields ("Waseda Science" -> Waseda University, Faculty of Science).
 * - `nameLength`: length of name + department, the tie-breaker (shorter first).
 */

export const DIRECTORY_INDEX_BODY = {
  settings: {
    number_of_shards: 1,
    number_of_replicas: 0,
    max_ngram_diff: 30,
    analysis: {
      filter: {
        directory_edge_ngram: { type: 'edge_ngram', min_gram: 1, max_gram: 20 },
      },
      analyzer: {
        folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        folded_prefix: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'asciifolding', 'directory_edge_ngram'],
        },
      },
      normalizer: {
        folded_keyword: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
      },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      recipientId: { type: 'keyword' },
      organisationId: { type: 'keyword' },
      organisationName: textField(['all', 'allPrefix']),
      department: textField(['all', 'allPrefix']),
      aliases: textField(['all', 'allPrefix']),
      country: { type: 'text', analyzer: 'folded', fields: { keyword: { type: 'keyword' } } },
      kind: { type: 'keyword' },
      website: { type: 'keyword', index: false },
      nameLength: { type: 'integer' },
      all: { type: 'text', analyzer: 'folded' },
      allPrefix: { type: 'text', analyzer: 'folded_prefix', search_analyzer: 'folded' },
    },
  },
} as const;

function textField(copyTo: string[]) {
  return {
    type: 'text',
    analyzer: 'folded',
    copy_to: copyTo,
    fields: {
      prefix: { type: 'text', analyzer: 'folded_prefix', search_analyzer: 'folded' },
      exact: { type: 'keyword', normalizer: 'folded_keyword', ignore_above: 512 },
    },
  } as const;
}

/** A clause that counts as a fixed amount when it matches, whatever BM25 would say. */
const tier = (boost: number, filter: Record<string, unknown>) => ({ constant_score: { filter, boost } });

/**
 * The typeahead query. Kinds of match are tiers with fixed scores, so that BM25 statistics
 * (e.g. the tiny IDF of an alias field that few documents have) cannot reorder them:
 *   exact whole name or alias (100) > every typed word a whole word (30) >
 *   every typed word a word prefix (20), +10 when the name holds the typed phrase > fuzzy (typos).
 * Within a tier, a scaled-down BM25 over name + department + aliases orders the hits (rarer
 * words, shorter names first); then the shorter name wins (a main account before its departments).
 */
export function directoryQuery(query: string, limit: number): Record<string, unknown> {
  const fuzzy = { query, operator: 'and', fuzziness: 'AUTO', prefix_length: 1, max_expansions: 50 };
  return {
    size: limit,
    track_total_hits: false,
    track_scores: true,
    _source: ['recipientId', 'organisationId', 'organisationName', 'department', 'country', 'kind'],
    sort: [
      { _score: { order: 'desc' } },
      { nameLength: { order: 'asc' } },
      { recipientId: { order: 'asc' } },
    ],
    query: {
      bool: {
        should: [
          tier(100, { match: { 'organisationName.exact': { query } } }),
          tier(100, { match: { 'aliases.exact': { query } } }),
          tier(30, { match: { all: { query, operator: 'and' } } }),
          tier(20, { match: { allPrefix: { query, operator: 'and' } } }),
          tier(10, { match_phrase_prefix: { organisationName: { query } } }),
          // relevance within a tier
          { match: { all: { query, boost: 0.5 } } },
          { multi_match: { query, type: 'bool_prefix', fields: ['all'], boost: 0.3 } },
          { match: { allPrefix: { query, boost: 0.2 } } },
          // typos: whole words, then words still being typed ("Cambrd" ~ "cambrid...")
          { match: { all: { ...fuzzy, boost: 1 } } },
          { match: { allPrefix: { ...fuzzy, boost: 0.3 } } },
        ],
        minimum_should_match: 1,
      },
    },
  };
}
