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

/**
 * The typeahead query. Every clause is a `should`: a document matches when any does, and the
 * boosts set the order of kinds of match (highest first):
 * exact name / alias > whole words of the name > word prefixes of the name >
 * every typed word a prefix somewhere in name + department + aliases > fuzzy (typos).
 * Sorted by score, then by the shorter name (a main account before its departments).
 */
export function directoryQuery(query: string, limit: number): Record<string, unknown> {
  return {
    size: limit,
    track_total_hits: false,
    track_scores: true,
    _source: ['recipientId', 'organisationId', 'organisationName', 'department', 'country', 'kind'],
    sort: [{ _score: { order: 'desc' } }, { nameLength: { order: 'asc' } }, { recipientId: { order: 'asc' } }],
    query: {
      bool: {
        should: [
          { match: { 'organisationName.exact': { query, boost: 20 } } },
          { match: { 'aliases.exact': { query, boost: 20 } } },
          { match: { organisationName: { query, operator: 'and', boost: 6 } } },
          { match_phrase_prefix: { organisationName: { query, boost: 4 } } },
          { match: { 'organisationName.prefix': { query, operator: 'and', boost: 3 } } },
          {
            multi_match: {
              query,
              type: 'bool_prefix',
              operator: 'and',
              fields: ['all'],
              boost: 2,
            },
          },
          { match: { allPrefix: { query, operator: 'and', boost: 2 } } },
          { match: { all: { query, operator: 'and', boost: 2 } } },
          { match: { 'aliases.prefix': { query, operator: 'and', boost: 2 } } },
          { match: { department: { query, boost: 1 } } },
          {
            match: {
              all: { query, operator: 'and', fuzziness: 'AUTO', prefix_length: 1, max_expansions: 50, boost: 0.5 },
            },
          },
          {
            match: {
              allPrefix: { query, operator: 'and', fuzziness: 'AUTO', prefix_length: 1, max_expansions: 50, boost: 0.3 },
            },
          },
        ],
        minimum_should_match: 1,
      },
    },
  };
}
