import { directoryIndexContract } from './directory-index.contract.js';
import { InMemoryDirectoryIndex } from './memory-directory.index.js';

directoryIndexContract('in memory (embedded mode)', {
  makeIndex: async () => new InMemoryDirectoryIndex(),
  dispose: (index) => index.close(),
});
