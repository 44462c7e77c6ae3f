import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '#libs/event-store';
import { rebuildProjection } from '#libs/projections';
import {
  MailOutbox,
  mailOutboxProviders,
  OUTBOX_SETUP,
  OutboxRunner,
  PlatformModule,
  type OutboxSetup,
  type ServiceInfrastructure,
  idempotentInboxProvider,
} from '#libs/platform';
import { DIRECTORY_INDEX, DIRECTORY_OPTIONS, type DirectoryOptions } from './directory.options.js';
import { directoryIntegrationMapper } from './integration/directory.integration-mapper.js';
import { IdentityClient } from './integration/identity.client.js';
import { ShareEventsConsumer } from './integration/share-events.consumer.js';
import { AcceptInvitationHandler } from './invitation/accept-invitation/accept-invitation.handler.js';
import { AcceptInvitationHttpController } from './invitation/accept-invitation/accept-invitation.http.controller.js';
import { InvitationRateLimiter } from './invitation/invite-institution/invitation-rate.limiter.js';
import { InviteInstitutionHandler } from './invitation/invite-institution/invite-institution.handler.js';
import { InviteInstitutionHttpController } from './invitation/invite-institution/invite-institution.http.controller.js';
import { PreviewInvitationHandler } from './invitation/preview-invitation/preview-invitation.handler.js';
import { PreviewInvitationHttpController } from './invitation/preview-invitation/preview-invitation.http.controller.js';
import { scrubLegacyCredentials } from './organisation/legacy-credentials.scrub.js';
import { RegisterOrganisationHandler } from './organisation/register-organisation/register-organisation.handler.js';
import { RegisterOrganisationHttpController } from './organisation/register-organisation/register-organisation.http.controller.js';
import { SearchDirectoryHandler } from './organisation/search-directory/search-directory.handler.js';
import { SearchDirectoryHttpController } from './organisation/search-directory/search-directory.http.controller.js';
import { seedDirectory } from './organisation/seed/seed-directory.js';
import { SEED_ACTOR } from './organisation/seed/seed.events.js';
import type { OrganisationEvent } from './organisation/organisation.events.js';
import { InvitationsProjection } from './projections/invitations.projection.js';
import { OrganisationsProjection } from './projections/organisations.projection.js';
import { AddAccountHandler } from './organisation/add-account/add-account.handler.js';
import { AddAccountHttpController } from './organisation/add-account/add-account.http.controller.js';
import { ApproveOrganisationHandler } from './organisation/approve-organisation/approve-organisation.handler.js';
import { ApproveOrganisationHttpController } from './organisation/approve-organisation/approve-organisation.http.controller.js';
import { GetOrganisationHandler } from './organisation/get-organisation/get-organisation.handler.js';
import { GetOrganisationHttpController } from './organisation/get-organisation/get-organisation.http.controller.js';
import { ListOrganisationsHandler } from './organisation/list-organisations/list-organisations.handler.js';
import { ListOrganisationsHttpController } from './organisation/list-organisations/list-organisations.http.controller.js';
import { UpdateAccountHandler } from './organisation/update-account/update-account.handler.js';
import { UpdateAccountHttpController } from './organisation/update-account/update-account.http.controller.js';
import { UpdateOrganisationHandler } from './organisation/update-organisation/update-organisation.handler.js';
import { UpdateOrganisationHttpController } from './organisation/update-organisation/update-organisation.http.controller.js';
import { directoryMailComposer } from './invitation/invite-institution/invitation.mail-composer.js';
import { INSTITUTION_INVITED } from './invitation/invitation.events.js';
import { PopularityProjection } from './projections/popularity.projection.js';
import { SearchIndexProjection } from './projections/search-index.projection.js';

/** An organisation event the operator's list holds: any not written by the seed import. */
const LISTED_EVENTS = {
  type: { $in: ['OrganisationRegistered', 'OrganisationUpdated', 'OrganisationApproved', 'RecipientAccountAdded', 'RecipientAccountUpdated'] satisfies OrganisationEvent['type'][] },
  'metadata.actor': { $ne: SEED_ACTOR },
};

/** directory: organisations and their recipient accounts, the typeahead search, invitations. */
@Module({})
export class DirectoryModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Directory');

  constructor(
    private readonly store: EventStore,
    private readonly search: SearchIndexProjection,
    private readonly invitations: InvitationsProjection,
    private readonly organisations: OrganisationsProjection,
    private readonly popularity: PopularityProjection,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
    private readonly outbox: OutboxRunner,
  ) {}

  static register(infra: ServiceInfrastructure, options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [PlatformModule.register(infra), CqrsModule.forRoot()],
      controllers: [
        RegisterOrganisationHttpController,
        ListOrganisationsHttpController,
        GetOrganisationHttpController,
        UpdateOrganisationHttpController,
        AddAccountHttpController,
        UpdateAccountHttpController,
        ApproveOrganisationHttpController,
        SearchDirectoryHttpController,
        InviteInstitutionHttpController,
        AcceptInvitationHttpController,
        PreviewInvitationHttpController,
        ShareEventsConsumer,
      ],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        { provide: DIRECTORY_INDEX, useValue: options.searchIndex },
        { provide: IdentityClient, useValue: options.identity },
        SearchIndexProjection,
        InvitationsProjection,
        OrganisationsProjection,
        PopularityProjection,
        idempotentInboxProvider,
        InvitationRateLimiter,
        RegisterOrganisationHandler,
        ListOrganisationsHandler,
        GetOrganisationHandler,
        UpdateOrganisationHandler,
        AddAccountHandler,
        UpdateAccountHandler,
        ApproveOrganisationHandler,
        SearchDirectoryHandler,
        InviteInstitutionHandler,
        AcceptInvitationHandler,
        PreviewInvitationHandler,
        {
          provide: OUTBOX_SETUP,
          useFactory: (
            search: SearchIndexProjection,
            invitations: InvitationsProjection,
            organisations: OrganisationsProjection,
            mail: MailOutbox,
          ): OutboxSetup => ({
            mapper: directoryIntegrationMapper,
            // The invitation lookup before the mail jobs: a link works by the time its e-mail is sent.
            projections: [search, invitations, organisations, mail.projection],
          }),
          inject: [SearchIndexProjection, InvitationsProjection, OrganisationsProjection, MailOutbox],
        },
        ...mailOutboxProviders([INSTITUTION_INVITED], (links, infra) => directoryMailComposer(links, infra.publicUrl, () => infra.clock.now())),
        OutboxRunner,
      ],
    };
  }

  private stopping = false;

  /**
   * Before the app serves (and before the outbox relay starts): an index held in memory is
   * filled from the directory's events; a persistent one (OpenSearch) keeps its index and the
   * relay catches it up (refilled in place when asked to or found empty: never dropped, since
   * other instances may be serving from it).
   */
  async onModuleInit(): Promise<void> {
    const scrubbed = await scrubLegacyCredentials(this.store);
    if (scrubbed > 0) this.logger.log(`removed the password hash from ${scrubbed} stored OrganisationRegistered events`);
    await this.invitations.init();
    await this.organisations.init();
    await this.popularity.init();
    // The operator's list came after the organisations: filled once from their events (a directory
    // that had organisations other than the imported ones before it); the relay keeps it from then on.
    if ((await this.organisations.view.count()) === 0 && (await this.store.collection.findOne(LISTED_EVENTS)) !== null) {
      const events = await rebuildProjection(this.store, this.organisations);
      this.logger.log(`${this.organisations.name} filled from ${events} events`);
    }
    await this.search.index.init();
    if (await this.indexNeedsRebuild()) {
      const started = performance.now();
      const accounts = await this.search.refill(this.store);
      this.logger.log(`search index rebuilt from events (in place): ${accounts} accounts in ${Math.round(performance.now() - started)} ms`);
    }
    // The share counts live beside the index: set again on accounts a rebuild or a bulk import rewrote.
    await this.popularity.pushAll();
  }

  /**
   * The first boot's import runs once the app serves, on the live path (outbox, relay, Kafka),
   * in the background: readiness reports the relay's backlog until it has gone through.
   */
  onApplicationBootstrap(): void {
    if (this.options.seed !== 'full') return;
    const beforeChunk = async () => {
      if (this.stopping) throw new Error('the service is stopping');
      await this.outbox.relay.bulkBelow(1000);
    };
    void seedDirectory(this.store, { beforeChunk })
      .then(async (report) => {
        if (!report) return;
        await this.popularity.pushAll();
        this.logger.log(
          `seeded ${report.organisations} organisations (${report.accounts} accounts, ${report.skipped} already there, ` +
            `${report.repeated} repeated records) in ${report.ms} ms`,
        );
      })
      .catch((error: unknown) => this.logger.warn(`seed import stopped (it goes on at the next start): ${String(error)}`));
  }

  /** When configured to (an index held in memory, or asked to), or when it is empty but organisations exist. */
  private async indexNeedsRebuild(): Promise<boolean> {
    if (this.options.rebuildIndexAtBoot) return true;
    if ((await this.search.index.count()) > 0) return false;
    return (await this.store.collection.findOne({ type: 'OrganisationRegistered' })) !== null;
  }

  async onModuleDestroy(): Promise<void> {
    // An import cut short by a stop goes on at the next start (its chunks are idempotent).
    this.stopping = true;
    await this.search.index.close();
  }
}
