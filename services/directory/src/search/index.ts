export * from './directory-index.port.js';
export {
  OpenSearchDirectoryIndex,
  type OpenSearchDirectoryIndexOptions,
} from './opensearch-directory.index.js';
export { InMemoryDirectoryIndex } from './memory-directory.index.js';
export { DIRECTORY_INDEX_BODY, directoryQuery, DIRECTORY_INDEX_VERSION } from './opensearch-directory.mapping.js';
export { loadUniversities, universityEntries, UNIVERSITIES_FILE, type University } from './universities.js';
export { analyseQuery, knownNames, KnownNames, toSearchDocument, type KnownName } from './analysis/index.js';
