import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, type StoredEvent } from '#libs/event-store';
import {
  INFRA,
  OUTBOX_SETUP,
  OutboxRunner,
  PlatformModule,
  type OutboxSetup,
  type ServiceInfrastructure,
} from '#libs/platform';
import { DIRECTORY_INDEX, DIRECTORY_OPTIONS, type DirectoryOptions } from './directory.options.js';
import { directoryIntegrationMapper } from './integration/directory.integration-mapper.js';
import { AcceptInvitationHandler } from './invitation/accept-invitation/accept-invitation.handler.js';
import { AcceptInvitationHttpController } from './invitation/accept-invitation/accept-invitation.http.controller.js';
import { InvitationRateLimiter } from './invitation/invite-institution/invitation-rate.limiter.js';
import { InviteInstitutionHandler } from './invitation/invite-institution/invite-institution.handler.js';
import { InviteInstitutionHttpController } from './invitation/invite-institution/invite-institution.http.controller.js';
import { RegisterOrganisationHandler } from './organisation/register-organisation/register-organisation.handler.js';
import { RegisterOrganisationHttpController } from './organisation/register-organisation/register-organisation.http.controller.js';
import { SearchDirectoryHandler } from './organisation/search-directory/search-directory.handler.js';
import { SearchDirectoryHttpController } from './organisation/search-directory/search-directory.http.controller.js';
import { seedDirectory } from './organisation/seed/seed-directory.js';
import { InvitationsProjection } from './projections/invitations.projection.js';
import { SearchIndexProjection } from './projections/search-index.projection.js';

/** directory: organisations and their recipient accounts, the typeahead search, invitations. */
@Module({})
export class DirectoryModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Directory');

  constructor(
    private readonly store: EventStore,
    private readonly search: SearchIndexProjection,
    private readonly invitations: InvitationsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
    private readonly outbox: OutboxRunner,
  ) {}

  static register(infra: ServiceInfrastructure, options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [PlatformModule.register(infra), CqrsModule.forRoot()],
      controllers: [
        RegisterOrganisationHttpController,
        SearchDirectoryHttpController,
        InviteInstitutionHttpController,
        AcceptInvitationHttpController,
      ],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        { provide: DIRECTORY_INDEX, useValue: options.searchIndex },
        SearchIndexProjection,
        InvitationsProjection,
        InvitationRateLimiter,
        RegisterOrganisationHandler,
        SearchDirectoryHandler,
        InviteInstitutionHandler,
        AcceptInvitationHandler,
        {
          provide: OUTBOX_SETUP,
          useFactory: (search: SearchIndexProjection, invitations: InvitationsProjection): OutboxSetup => ({
            mapper: directoryIntegrationMapper,
            projections: [search, invitations],
          }),
          inject: [SearchIndexProjection, InvitationsProjection],
        },
        OutboxRunner,
      ],
    };
  }

  /**
   * Before the app serves (and before the outbox relay starts): the in-memory index is rebuilt
   * from the directory's events; OpenSearch keeps its index and the relay catches it up. Then
   * the first boot imports the seed.
   */
  async onModuleInit(): Promise<void> {
    await this.invitations.init();
    await this.search.index.init();
    if (await this.indexNeedsRebuild()) {
      const started = performance.now();
      const accounts = await this.search.rebuild(this.store);
      this.logger.log(
        `search index rebuilt from events: ${accounts} accounts in ${Math.round(performance.now() - started)} ms`,
      );
    }
    if (this.options.seed === 'full') {
      // Distributed: the import is published to Kafka as it is written, outside the outbox queries
      // (which FerretDB answers by scanning). Embedded: the bus opens only once every app is up.
      const publishFirst =
        this.infra.mode === 'distributed'
          ? (events: readonly StoredEvent[]) => this.outbox.relay.publishNow(events)
          : undefined;
      const report = await seedDirectory(this.store, this.search, publishFirst);
      if (report) {
        this.logger.log(
          `seeded ${report.organisations} organisations (${report.accounts} accounts, ${report.skipped} already there, ` +
            `${report.repeated} repeated records) in ${report.ms} ms`,
        );
      }
    }
  }

  /** In memory: always. Persistent: when asked to, or when it is empty but organisations exist. */
  private async indexNeedsRebuild(): Promise<boolean> {
    if (this.infra.mode === 'embedded' || this.options.rebuildIndex) return true;
    if ((await this.search.index.count()) > 0) return false;
    return (await this.store.collection.findOne({ type: 'OrganisationRegistered' })) !== null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.search.index.close();
  }
}
