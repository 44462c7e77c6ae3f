import { join } from 'node:path';
import { systemClock } from '#libs/event-store';
import { createMailer } from '#libs/mail';
import {
  InProcessBus,
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
import { ServiceInProcessTransport } from './logging/service-in-process.transport.js';
import { countedDeadLetters } from './metrics/dead-letter.metrics.js';

/** A service's own process (distributed mode): where its database, Kafka, identity's JWKS and SMTP are. */
export interface InfrastructureConfig {
  mongoUri: string;
  /** MONGODB_DB; unset: made from NAMESPACE and the service's name. */
  mongoDb: string | undefined;
  kafkaBrokers: string[];
  jwksUrl: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailDir: string;
  logLevel: string;
  /** INTERNAL_PORT; unset: the service's PORT + 1000 (see StartOptions.internalPort). */
  internalPort: number | undefined;
  trustProxy: string;
  /** NAMESPACE: prefixes Kafka topics and consumer groups and the default database name ('' for none). */
  namespace: string;
}

/**
 * Reads what distributedInfrastructure needs (the service's config.ts calls it with the
 * service's EnvReader, so that every problem is reported at once): `MONGODB_URI`, `MONGODB_DB`,
 * `KAFKA_BROKERS`, `JWKS_URL`, `PUBLIC_URL`, `SMTP_URL`, `MAIL_DIR` (or `DATA_DIR`/mail),
 * `LOG_LEVEL`, `INTERNAL_PORT`, `TRUST_PROXY`, `NAMESPACE`.
 */
export function readInfrastructureConfig(env: EnvReader): InfrastructureConfig {
  return {
    mongoUri: env.string('MONGODB_URI'),
    mongoDb: env.optional('MONGODB_DB'),
    kafkaBrokers: env.list('KAFKA_BROKERS'),
    jwksUrl: env.string('JWKS_URL'),
    publicUrl: env.string('PUBLIC_URL', 'http://localhost:3000'),
    smtpUrl: env.optional('SMTP_URL'),
    mailDir: env.string('MAIL_DIR', join(env.string('DATA_DIR', './.data'), 'mail')),
    logLevel: env.string('LOG_LEVEL', 'info'),
    internalPort: env.optional('INTERNAL_PORT') === undefined ? undefined : env.int('INTERNAL_PORT', 0),
    trustProxy: env.string('TRUST_PROXY', 'loopback'),
    namespace: env.string('NAMESPACE', ''),
  };
}

/**
 * Distributed mode: the service's own MongoDB database (its name taken from `mongoDb` or made
 * from the service's name), Kafka, identity's JWKS, SMTP. The namespace prefixes Kafka topics
 * and consumer groups and the default database name, so two systems can share a broker and a
 * MongoDB server.
 */
export async function distributedInfrastructure(
  serviceName: string,
  config: InfrastructureConfig,
): Promise<ServiceInfrastructure> {
  const { mongoUri, mongoDb, kafkaBrokers: brokers, jwksUrl, publicUrl, smtpUrl, mailDir, logLevel, internalPort, trustProxy } = config;
  const names = new TopicNames(config.namespace);
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
    deadLetters: countedDeadLetters(new KafkaDeadLetters(publisher), serviceName),
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
    deadLetters: countedDeadLetters(new StoredDeadLetters(documents), serviceName),
    // Each consumer runs as its service, not as the service that published (log lines name it).
    consumerTransport: { strategy: new ServiceInProcessTransport(options.bus, serviceName) },
    bus: options.bus,
    mailer: createMailer({ smtpUrl: options.smtpUrl, mailDir: join(options.dataDir, 'mail') }),
    jwksUrl: options.jwksUrl,
    clock: { now: () => new Date() },
    publicUrl: options.publicUrl,
    logLevel: options.logLevel,
  };
}
