export * from './directory-index.port.js';
export {
  OpenSearchDirectoryIndex,
  type OpenSearchDirectoryIndexOptions,
} from './opensearch-directory.index.js';
export { MiniSearchDirectoryIndex, foldTerm } from './minisearch-directory.index.js';
export { DIRECTORY_INDEX_BODY, directoryQuery } from './opensearch-directory.mapping.js';
export { loadUniversities, universityEntries, UNIVERSITIES_FILE, type University } from './universities.js';
