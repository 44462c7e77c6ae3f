import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  INFRA,
  MailOutbox,
  mailOutboxProviders,
  OUTBOX_SETUP,
  OutboxRunner,
  PlatformModule,
  RateLimiter,
  type OutboxSetup,
  type ServiceInfrastructure,
  idempotentInboxProvider,
} from '#libs/platform';
import { PASSWORD_RESET_REQUESTED } from './password-reset/password-reset.events.js';
import { identityMailComposer } from './password-reset/password-reset.mail.js';
import { ChangeNotificationsHandler } from './candidate-account/change-notifications/change-notifications.handler.js';
import { ChangeNotificationsHttpController } from './candidate-account/change-notifications/change-notifications.http.controller.js';
import { NOTIFICATION_MAIL_TYPES } from './candidate-account/notifications.mail.js';
import { CandidateNotifications } from './integration/candidate-notifications.js';
import { ResultEventsConsumer } from './integration/result-events.consumer.js';
import { ShareEventsConsumer } from './integration/share-events.consumer.js';
import { NotificationSources } from './projections/notification-sources.projection.js';
import { RegisterCandidateHandler } from './candidate-account/register-candidate/register-candidate.handler.js';
import { RegisterCandidateHttpController } from './candidate-account/register-candidate/register-candidate.http.controller.js';
import { IDENTITY_OPTIONS, validateIdentityOptions, type IdentityOptions } from './identity.options.js';
import { CandidateEntries } from './projections/candidate-entries.projection.js';
import { EntryEventsConsumer } from './integration/entry-events.consumer.js';
import { identityIntegrationMapper } from './integration/identity.integration-mapper.js';
import { OrganisationEventsConsumer } from './integration/organisation-events.consumer.js';
import { OrganisationUsers } from './integration/organisation-users.js';
import { OperatorBootstrap } from './operator/operator.bootstrap.js';
import { AccountsProjection } from './projections/accounts.projection.js';
import { ConfirmResetHandler } from './password-reset/confirm-reset/confirm-reset.handler.js';
import { ConfirmResetHttpController } from './password-reset/confirm-reset/confirm-reset.http.controller.js';
import { RequestResetHandler } from './password-reset/request-reset/request-reset.handler.js';
import { RequestResetHttpController } from './password-reset/request-reset/request-reset.http.controller.js';
import { AccessTokens } from './security/access-tokens.js';
import { Accounts } from './security/accounts.js';
import { JwksHttpController } from './security/jwks.http.controller.js';
import { RefreshTokens } from './security/refresh-tokens.js';
import { ResetTokens } from './security/reset-tokens.js';
import { Sessions } from './security/sessions.js';
import { SigningKeys } from './security/signing-keys.js';
import { LoginHandler } from './session/login/login.handler.js';
import { LoginHttpController } from './session/login/login.http.controller.js';
import { MyAccountHandler } from './session/my-account/my-account.handler.js';
import { MyAccountHttpController } from './session/my-account/my-account.http.controller.js';
import { RefreshHandler } from './session/refresh/refresh.handler.js';
import { RefreshHttpController } from './session/refresh/refresh.http.controller.js';
import { AddOrganisationUserHandler } from './user-account/add-organisation-user/add-organisation-user.handler.js';

/** identity: candidate, organisation and operator accounts; log-in, sessions, password reset; the JWKS. */
@Module({})
export class IdentityModule {
  static register(infra: ServiceInfrastructure, options: IdentityOptions = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [PlatformModule.register(infra), CqrsModule.forRoot()],
      controllers: [
        JwksHttpController,
        RegisterCandidateHttpController,
        LoginHttpController,
        RefreshHttpController,
        RequestResetHttpController,
        ConfirmResetHttpController,
        MyAccountHttpController,
        ChangeNotificationsHttpController,
        EntryEventsConsumer,
        OrganisationEventsConsumer,
        ResultEventsConsumer,
        ShareEventsConsumer,
      ],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: validateIdentityOptions(options) },
        { provide: RateLimiter, useFactory: (i: ServiceInfrastructure) => new RateLimiter(i.documents, i.clock), inject: [INFRA] },
        idempotentInboxProvider,
        SigningKeys,
        AccessTokens,
        RefreshTokens,
        ResetTokens,
        Sessions,
        Accounts,
        CandidateEntries,
        OrganisationUsers,
        OperatorBootstrap,
        RegisterCandidateHandler,
        LoginHandler,
        RefreshHandler,
        RequestResetHandler,
        ConfirmResetHandler,
        AddOrganisationUserHandler,
        MyAccountHandler,
        ChangeNotificationsHandler,
        NotificationSources,
        CandidateNotifications,
        AccountsProjection,
        // Log-in reads accounts from their streams (see Accounts); GET /api/v1/me reads them by id from this read model.
        {
          provide: OUTBOX_SETUP,
          useFactory: (accounts: AccountsProjection, resetTokens: ResetTokens, mail: MailOutbox): OutboxSetup => ({
            mapper: identityIntegrationMapper,
            // Reset tokens before the mail jobs: a link works by the time its e-mail is sent.
            projections: [accounts, resetTokens, mail.projection],
          }),
          inject: [AccountsProjection, ResetTokens, MailOutbox],
        },
        ...mailOutboxProviders([PASSWORD_RESET_REQUESTED, ...NOTIFICATION_MAIL_TYPES], (links, infra) => identityMailComposer(links, infra.publicUrl, () => infra.clock.now())),
        OutboxRunner,
      ],
    };
  }
}
