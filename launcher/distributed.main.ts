import { EnvReader } from '#libs/platform';
import { adminCredentials, announceAdmin } from './admin-credentials.js';
import { startDistributed } from './distributed.js';

/** `npm run start:dist`: each service its own process on Kafka, MongoDB/FerretDB and OpenSearch (start them first: npm run engines:up). */
const env = new EnvReader();
const dataDir = env.string('DATA_DIR', './.data');
const options = {
  port: env.int('PORT', 3000),
  dataDir,
  kafkaBrokers: env.string('KAFKA_BROKERS', '127.0.0.1:9092'),
  mongoUri: env.string('MONGODB_URI', 'mongodb://127.0.0.1:27017'),
  opensearchUrl: env.string('OPENSEARCH_URL', 'http://127.0.0.1:9200'),
  logLevel: env.string('LOG_LEVEL', 'info'),
  seed: env.string('DIRECTORY_SEED', 'full') === 'none' ? ('none' as const) : ('full' as const),
};
env.done();
const admin = await adminCredentials(dataDir);
const system = await startDistributed({ ...options, adminEmail: admin.email, adminPassword: admin.password });
announceAdmin(admin);
console.log(`Results Service (distributed) is up: ${system.url.replace('127.0.0.1', 'localhost')}`);
const shutdown = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
