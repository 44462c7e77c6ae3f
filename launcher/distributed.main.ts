import { adminCredentials, announceAdmin } from './admin-credentials.js';
import { loadDistributedLauncherConfig } from './config.js';
import { startDistributed } from './distributed.js';

/** `npm run start:dist`: each service its own process on Kafka, MongoDB/FerretDB and OpenSearch (start them first: npm run engines:up). */
const { admin: configuredAdmin, namespace: _namespace, ...options } = loadDistributedLauncherConfig();
const admin = await adminCredentials(options.dataDir, configuredAdmin);
const system = await startDistributed({ ...options, adminEmail: admin.email, adminPassword: admin.password });
announceAdmin(admin);
console.log(`Results Service (distributed) is up: ${system.url.replace('127.0.0.1', 'localhost')}`);
const shutdown = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
