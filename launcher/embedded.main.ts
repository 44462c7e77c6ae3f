import { announceAdmin } from './admin-credentials.js';
import { loadEmbeddedLauncherConfig } from './config.js';
import { startEmbedded } from './embedded.js';

/** `npm start`: the whole system on embedded defaults, with Node.js alone (configuration: config.ts and each service's). */
const system = await startEmbedded(loadEmbeddedLauncherConfig());
announceAdmin(system.admin);
console.log(`Results Service is up: ${system.url.replace('127.0.0.1', 'localhost')}  (API docs: /api/docs, data: ${system.dataDir})`);
const shutdown = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
