import { directoryIndexContract } from './directory-index.contract.js';
import { MiniSearchDirectoryIndex } from './minisearch-directory.index.js';

directoryIndexContract('MiniSearch (embedded mode)', {
  makeIndex: async () => new MiniSearchDirectoryIndex(),
  dispose: (index) => index.close(),
});
