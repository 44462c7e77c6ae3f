/** Where the real engines listen (tools/engines/engines.sh up starts them on these defaults). */
export const engineUrls = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  mongoUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
  opensearchUrl: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
};

/** A name unique to this test run, for databases, consumer groups, streams and indexes. */
export const runId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
