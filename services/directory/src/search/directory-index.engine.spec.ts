import { randomUUID } from 'node:crypto';
import { directoryIndexContract } from './directory-index.contract.js';
import type { DirectorySearchIndex } from './directory-index.port.js';
import { OpenSearchDirectoryIndex } from './opensearch-directory.index.js';

const node = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

directoryIndexContract(`OpenSearch (${node})`, {
  makeIndex: async () => new OpenSearchDirectoryIndex({ node, index: `test-directory-${randomUUID()}` }),
  dispose: async (index: DirectorySearchIndex) => {
    const os = index as OpenSearchDirectoryIndex;
    try {
      await os.drop();
    } finally {
      await os.close();
    }
  },
});
