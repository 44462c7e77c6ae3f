import type { MicroserviceOptions } from '@nestjs/microservices';
import type { Clock } from '#libs/event-store';
import type { Mailer } from '#libs/mail';
import type { DeadLetters, InProcessBus, MessagePublisher } from '#libs/messaging';
import type { DocumentStore } from '#libs/persistence';

/**
 * What a service needs from the outside world, built by the composition root: the embedded
 * launcher (file store, in-process bus) or a service's own main.ts (mongoose, Kafka).
 */
export interface ServiceInfrastructure {
  mode: 'embedded' | 'distributed';
  /** Also the consumer group name. */
  serviceName: string;
  documents: DocumentStore;
  publisher: MessagePublisher;
  deadLetters: DeadLetters;
  /** How the service's `@EventPattern` handlers receive messages. */
  consumerTransport: MicroserviceOptions;
  /** Distributed mode: where the consumer group reads (for its lag). */
  kafka?: { brokers: string[]; groupId: string; topic(name: string): string };
  /** Embedded mode: the in-process bus (its lag). */
  bus?: InProcessBus;
  mailer: Mailer;
  /** Where identity publishes its public keys. */
  jwksUrl: () => string;
  clock: Clock;
  /** The public base URL of the portal, for links in e-mails. */
  publicUrl: string;
  logLevel: string;
  /** The internal listener's port (INTERNAL_PORT; see StartOptions.internalPort for the default). */
  internalPort?: number;
  /** Peers trusted for X-Forwarded-For (TRUST_PROXY: addresses, CIDRs or proxy-addr names; default loopback). */
  trustProxy?: string;
}

export const INFRA = Symbol('INFRA');
