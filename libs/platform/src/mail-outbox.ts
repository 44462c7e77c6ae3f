import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit, type Provider } from '@nestjs/common';
import { LinkKeys, MailJobsProjection, MailWorker, type MailComposer, type MailMessage } from '#libs/mail';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';

/** What a service mails: the event types that ask for an e-mail, and how each is written. */
export interface MailSetup {
  types: readonly string[];
  compose: MailComposer;
}

export const MAIL_SETUP = Symbol('MAIL_SETUP');

/**
 * A service's mail through its outbox: add `projection` to the service's projections (the relay
 * then turns every event that asks for an e-mail into a job, at least once, also after a crash
 * between the append and the send), and the worker sends the jobs (libs/mail/src/mail.worker.ts).
 */
@Injectable()
export class MailOutbox implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly projection: MailJobsProjection;
  private readonly worker: MailWorker;
  private readonly logger = new Logger('MailWorker');

  constructor(@Inject(INFRA) infra: ServiceInfrastructure, @Inject(MAIL_SETUP) setup: MailSetup) {
    this.projection = new MailJobsProjection(infra.documents, new Set(setup.types));
    // The mailer infra holds now (a test may replace it), not the one it held at start.
    const mailer = { send: (message: MailMessage) => infra.mailer.send(message) };
    this.worker = new MailWorker(this.projection, mailer, setup.compose, {
      now: () => infra.clock.now(),
      logger: { error: (m) => this.logger.error(m), warn: (m) => this.logger.warn(m) },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.projection.init();
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
  }
}

/** The per-service key that link tokens are derived with (see LinkKeys), as a provider. */
const linkKeysProvider: Provider = {
  provide: LinkKeys,
  useFactory: (infra: ServiceInfrastructure) => new LinkKeys(infra.documents),
  inject: [INFRA],
};

/**
 * A service's mail outbox, as providers: its link key, what it mails (`types`, and the composer
 * made from the key and the infrastructure) and the MailOutbox. Add `MailOutbox.projection` to
 * the service's OUTBOX_SETUP projections, after the read models its links need.
 */
export function mailOutboxProviders(types: readonly string[], composer: (links: LinkKeys, infra: ServiceInfrastructure) => MailComposer): Provider[] {
  return [
    linkKeysProvider,
    {
      provide: MAIL_SETUP,
      useFactory: (links: LinkKeys, infra: ServiceInfrastructure): MailSetup => ({ types, compose: composer(links, infra) }),
      inject: [LinkKeys, INFRA],
    },
    MailOutbox,
  ];
}
