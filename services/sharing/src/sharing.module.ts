import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '#libs/event-store';
import { idempotentInboxProvider, OUTBOX_SETUP, OutboxRunner, PlatformModule, type OutboxSetup, type ServiceInfrastructure } from '#libs/platform';
import { DEFAULT_FEED_CONFIG, FEED_CONFIG, type FeedConfig } from './feed/feed.config.js';
import { FeedProjection } from './feed/feed.projection.js';
import { ReadFeedHandler } from './feed/read-feed/read-feed.handler.js';
import { ReadFeedHttpController } from './feed/read-feed/read-feed.http.controller.js';
import { sharingIntegrationMapper } from './integration/sharing.integration-mapper.js';
import { OrganisationEventsConsumer } from './integration/organisation-events.consumer.js';
import { InvitationEventsConsumer } from './integration/invitation-events.consumer.js';
import { ResultEventsConsumer } from './integration/result-events.consumer.js';
import { DeliveryRecorder } from './lifecycle/delivery-recorder.js';
import { PendingDeliveries } from './lifecycle/pending-deliveries.js';
import { PendingSharesJob } from './lifecycle/pending-shares.job.js';
import { ResultReactions } from './lifecycle/result-reactions.js';
import { ShareCommands } from './lifecycle/share-commands.js';
import { ShareLifecycleWatcher } from './lifecycle/share-lifecycle.watcher.js';
import { InvitationsProjection } from './projections/invitations.projection.js';
import { RecipientsProjection } from './projections/recipients.projection.js';
import { ResultsProjection } from './projections/results.projection.js';
import { SharesProjection } from './projections/shares.projection.js';
import { ExportInboxHandler } from './share/export-inbox/export-inbox.handler.js';
import { ExportInboxHttpController } from './share/export-inbox/export-inbox.http.controller.js';
import { ListInboxHandler } from './share/list-inbox/list-inbox.handler.js';
import { ListInboxHttpController } from './share/list-inbox/list-inbox.http.controller.js';
import { ListMySharesHandler } from './share/list-my-shares/list-my-shares.handler.js';
import { ListMySharesHttpController } from './share/list-my-shares/list-my-shares.http.controller.js';
import { OpenShareHandler } from './share/open-share/open-share.handler.js';
import { OpenShareHttpController } from './share/open-share/open-share.http.controller.js';
import { SendResultHandler } from './share/send-result/send-result.handler.js';
import { SendResultHttpController } from './share/send-result/send-result.http.controller.js';
import { WithdrawShareHandler } from './share/withdraw-share/withdraw-share.handler.js';
import { WithdrawShareHttpController } from './share/withdraw-share/withdraw-share.http.controller.js';
import { ManageWebhookHttpController } from './webhooks/manage-webhook/manage-webhook.http.controller.js';
import { WEBHOOK_CONFIG, type WebhookConfig } from './webhooks/webhook.config.js';
import { WebhookSubscriptions } from './webhooks/webhook-subscriptions.js';
import { WebhookWorker } from './webhooks/webhook.worker.js';

/** sharing: candidates send results to recipient accounts (with consent); organisations read them. */
@Module({})
export class SharingModule implements OnModuleInit {
  constructor(
    private readonly shares: SharesProjection,
    private readonly feed: FeedProjection,
    private readonly results: ResultsProjection,
    private readonly recipients: RecipientsProjection,
    private readonly invitations: InvitationsProjection,
    private readonly webhooks: WebhookSubscriptions,
    private readonly store: EventStore,
  ) {}

  /** `webhooks`: read once, at boot, by the composition root (config.ts: loadSharingConfig, or the launcher through readSharingSettings). */
  static register(infra: ServiceInfrastructure, options: { webhooks: WebhookConfig; feed?: FeedConfig }): DynamicModule {
    return {
      module: SharingModule,
      imports: [PlatformModule.register(infra), CqrsModule.forRoot()],
      controllers: [
        SendResultHttpController,
        WithdrawShareHttpController,
        ListMySharesHttpController,
        ListInboxHttpController,
        ExportInboxHttpController,
        OpenShareHttpController,
        ReadFeedHttpController,
        ManageWebhookHttpController,
        ResultEventsConsumer,
        OrganisationEventsConsumer,
        InvitationEventsConsumer,
      ],
      providers: [
        SharesProjection,
        FeedProjection,
        ResultsProjection,
        RecipientsProjection,
        InvitationsProjection,
        ShareCommands,
        ResultReactions,
        PendingDeliveries,
        PendingSharesJob,
        ShareLifecycleWatcher,
        DeliveryRecorder,
        SendResultHandler,
        WithdrawShareHandler,
        ListMySharesHandler,
        ListInboxHandler,
        ExportInboxHandler,
        OpenShareHandler,
        ReadFeedHandler,
        WebhookSubscriptions,
        WebhookWorker,
        { provide: WEBHOOK_CONFIG, useValue: options.webhooks },
        { provide: FEED_CONFIG, useValue: options.feed ?? DEFAULT_FEED_CONFIG },
        idempotentInboxProvider,
        {
          provide: OUTBOX_SETUP,
          // The watcher after the shares read model: it reads what that just wrote.
          useFactory: (shares: SharesProjection, feed: FeedProjection, watcher: ShareLifecycleWatcher): OutboxSetup => ({
            mapper: sharingIntegrationMapper,
            projections: [shares, feed, watcher],
          }),
          inject: [SharesProjection, FeedProjection, ShareLifecycleWatcher],
        },
        OutboxRunner,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    // The feed's horizon assumes an event reaches the outbox soon after its timestamp: an append
    // slower than that (a database under strain, a crash mid-append) is taken back and decided again.
    this.store.requireCommitWithin(this.feed.appendDeadlineMs);
    await Promise.all([
      this.shares.init(),
      this.feed.init(),
      this.results.init(),
      this.recipients.init(),
      this.invitations.init(),
      this.webhooks.init(),
    ]);
    // The read models of issue 15 (paged shares, permanent feed positions) start empty after an upgrade.
    await this.shares.backfill(this.store);
    await this.feed.backfill(this.store);
  }
}
