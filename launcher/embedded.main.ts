import { EnvReader } from '#libs/platform';
import { announceAdmin } from './admin-credentials.js';
import { startEmbedded } from './embedded.js';

/** `npm start`: the whole system on embedded defaults, with Node.js alone. */
const env = new EnvReader();
const port = env.int('PORT', 3000);
const options = {
  port,
  host: env.string('HOST', '127.0.0.1'),
  dataDir: env.string('DATA_DIR', './.data'),
  smtpUrl: env.optional('SMTP_URL'),
  logLevel: env.string('LOG_LEVEL', 'info'),
  seed: env.string('DIRECTORY_SEED', 'full') === 'none' ? ('none' as const) : ('full' as const),
  publicUrl: env.optional('PUBLIC_URL'),
};
env.done();
const system = await startEmbedded(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)));
announceAdmin(system.admin);
console.log(`Results Service is up: ${system.url.replace('127.0.0.1', 'localhost')}  (API docs: /api/docs, data: ${system.dataDir})`);
const shutdown = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
