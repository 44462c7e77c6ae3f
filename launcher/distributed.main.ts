import { adminCredentials } from './admin-credentials.js';
import { loadDistributedLauncherConfig, type DistributedLauncherConfig } from './config.js';
import { startDistributed } from './distributed.js';
import { distributedBanner } from './distributed.banner.js';

/** `npm run start:dist`: each service its own process on Kafka, MongoDB/FerretDB and OpenSearch (start them first: npm run engines:up). */
let config: DistributedLauncherConfig;
try {
  config = loadDistributedLauncherConfig();
} catch (error) {
  // A wrong variable (REPLICAS=sharing=9, an unknown service): one clear message, no stack, a non-zero exit.
  console.error((error as Error).message);
  process.exit(1);
}
const { admin: configuredAdmin, namespace: _namespace, ...options } = config;
const admin = await adminCredentials(options.dataDir, configuredAdmin);
const system = await startDistributed({ ...options, adminEmail: admin.email, adminPassword: admin.password });
console.log(distributedBanner({ ...options, url: system.url, admin, mailDir: system.mailDir }));
for (const [name, count] of Object.entries(options.replicas)) console.log(`  ${name}: ${count} instance${count === 1 ? '' : 's'}`);
// Several gateways (REPLICAS=gateway=N): each its own port, for a balancer in front of them.
if (system.gatewayUrls.length > 1) system.gatewayUrls.forEach((url, i) => console.log(`  gateway ${i}: ${url.replace('127.0.0.1', 'localhost')}`));
const shutdown = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
