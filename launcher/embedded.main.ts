import { shutdownTracing, startTracing } from '#libs/platform';
import { loadEmbeddedLauncherConfig } from './config.js';
import { embeddedBanner } from './embedded.banner.js';
import { startEmbedded } from './embedded.js';

/** `npm start`: the whole system on embedded defaults, with Node.js alone (configuration: config.ts and each service's). */
const config = loadEmbeddedLauncherConfig();
// One process: every span's service.name is this one (OTEL_SERVICE_NAME overrides it).
startTracing('results-embedded', config.tracing);
const system = await startEmbedded(config);
console.log(embeddedBanner(system, config.smtpUrl, config.logLevel));
const shutdown = async () => {
  await system.stop();
  await shutdownTracing();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
