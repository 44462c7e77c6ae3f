import { join } from 'node:path';
import { systemClock } from '#libs/event-store';
import { createMailer } from '#libs/mail';
import {
  InProcessBus,
  InProcessTransport,
  KafkaDeadLetters,
  KafkaPublisher,
  StoredDeadLetters,
  TopicNames,
  ensureKafkaTopics,
  kafkaConsumerOptions,
} from '#libs/messaging';
import { FileDocumentStore, MongooseDocumentStore } from '#libs/persistence';
import type { EnvReader } from './env.js';
import type { ServiceInfrastructure } from './infrastructure.js';

/**
 * Distributed mode: the service's own MongoDB database (`MONGODB_URI`, its database name taken
 * from `MONGODB_DB` or made from the service's name), Kafka (`KAFKA_BROKERS`), identity's JWKS
 * (`JWKS_URL`), SMTP. `NAMESPACE` prefixes Kafka topics and consumer groups and the default
 * database name, so two systems can share a broker and a MongoDB server.
 */
export async function distributedInfrastructure(
  serviceName: string,
  env: EnvReader,
): Promise<ServiceInfrastructure> {
  const mongoUri = env.string('MONGODB_URI');
  const mongoDb = env.optional('MONGODB_DB');
  const brokers = env.list('KAFKA_BROKERS');
  const jwksUrl = env.string('JWKS_URL');
  const publicUrl = env.string('PUBLIC_URL', 'http://localhost:3000');
  const smtpUrl = env.optional('SMTP_URL');
  const mailDir = env.string('MAIL_DIR', join(env.string('DATA_DIR', './.data'), 'mail'));
  const logLevel = env.string('LOG_LEVEL', 'info');
  const internalPort = env.optional('INTERNAL_PORT') === undefined ? undefined : env.int('INTERNAL_PORT', 0);
  const trustProxy = env.string('TRUST_PROXY', 'loopback');
  const names = new TopicNames(env.string('NAMESPACE', ''));
  env.done();
  await ensureKafkaTopics(brokers, 3, names);
  const database =
    mongoDb ??
    (names.namespace
      ? `${names.namespace}-results-sharing-${serviceName}`
      : `results-sharing-${serviceName}`);
  const documents = await MongooseDocumentStore.connect(mongoUri, database);
  const publisher = await KafkaPublisher.connect({
    brokers,
    clientId: names.group(`${serviceName}-producer`),
    names,
  });
  return {
    mode: 'distributed',
    serviceName,
    documents,
    publisher,
    deadLetters: new KafkaDeadLetters(publisher),
    consumerTransport: kafkaConsumerOptions(brokers, serviceName, names),
    kafka: { brokers, groupId: names.group(serviceName), topic: (t: string) => names.topic(t) },
    mailer: createMailer({ smtpUrl, mailDir }),
    jwksUrl: () => jwksUrl,
    clock: systemClock,
    publicUrl,
    logLevel,
    ...(internalPort === undefined ? {} : { internalPort }),
    trustProxy,
  };
}

export interface EmbeddedOptions {
  dataDir: string;
  bus: InProcessBus;
  jwksUrl: () => string;
  publicUrl: string;
  smtpUrl?: string | undefined;
  logLevel: string;
}

/** Embedded mode: a file store under DATA_DIR/<service>, the in-process bus, e-mail as .eml files. */
export async function embeddedInfrastructure(
  serviceName: string,
  options: EmbeddedOptions,
): Promise<ServiceInfrastructure> {
  const documents = await FileDocumentStore.open(join(options.dataDir, serviceName));
  return {
    mode: 'embedded',
    serviceName,
    documents,
    publisher: options.bus,
    deadLetters: new StoredDeadLetters(documents),
    consumerTransport: { strategy: new InProcessTransport(options.bus, serviceName) },
    bus: options.bus,
    mailer: createMailer({ smtpUrl: options.smtpUrl, mailDir: join(options.dataDir, 'mail') }),
    jwksUrl: options.jwksUrl,
    clock: { now: () => new Date() },
    publicUrl: options.publicUrl,
    logLevel: options.logLevel,
  };
}
