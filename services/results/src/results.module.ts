import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OUTBOX_SETUP, OutboxRunner, PlatformModule, type OutboxSetup, type ServiceInfrastructure } from '#libs/platform';
import { EnterCandidateHandler } from './entry/enter-candidate/enter-candidate.handler.js';
import { EnterCandidateHttpController } from './entry/enter-candidate/enter-candidate.http.controller.js';
import { resultsIntegrationMapper } from './integration/results.integration-mapper.js';
import { ResultsProjection } from './projections/results.projection.js';
import { AmendResultHandler } from './result/amend-result/amend-result.handler.js';
import { AmendResultHttpController } from './result/amend-result/amend-result.http.controller.js';
import { WithdrawResultHandler } from './result/withdraw-result/withdraw-result.handler.js';
import { WithdrawResultHttpController } from './result/withdraw-result/withdraw-result.http.controller.js';
import { DownloadStatementHandler } from './result/download-statement/download-statement.handler.js';
import { DownloadStatementHttpController } from './result/download-statement/download-statement.http.controller.js';
import { ListMyResultsHandler } from './result/list-my-results/list-my-results.handler.js';
import { ListMyResultsHttpController } from './result/list-my-results/list-my-results.http.controller.js';
import { PublishResultHandler } from './result/publish-result/publish-result.handler.js';
import { PublishResultHttpController } from './result/publish-result/publish-result.http.controller.js';
import { VerifyResultHandler } from './result/verify-result/verify-result.handler.js';
import { VerifyResultHttpController } from './result/verify-result/verify-result.http.controller.js';
import { VerificationRateLimiter } from './result/verification-rate.limiter.js';
import { VerifyStatementHandler } from './result/verify-statement/verify-statement.handler.js';
import { VerifyStatementHttpController } from './result/verify-statement/verify-statement.http.controller.js';
import { VerifyStatementsHandler } from './result/verify-statements/verify-statements.handler.js';
import { VerifyStatementsHttpController } from './result/verify-statements/verify-statements.http.controller.js';

/** results: exam entries (ID and Secret Numbers), published results, statements, verification. */
@Module({})
export class ResultsModule implements OnModuleInit {
  constructor(private readonly projection: ResultsProjection) {}

  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: ResultsModule,
      imports: [PlatformModule.register(infra), CqrsModule.forRoot()],
      controllers: [
        EnterCandidateHttpController,
        PublishResultHttpController,
        AmendResultHttpController,
        WithdrawResultHttpController,
        ListMyResultsHttpController,
        DownloadStatementHttpController,
        VerifyResultHttpController,
        VerifyStatementHttpController,
        VerifyStatementsHttpController,
      ],
      providers: [
        ResultsProjection,
        EnterCandidateHandler,
        PublishResultHandler,
        AmendResultHandler,
        WithdrawResultHandler,
        ListMyResultsHandler,
        DownloadStatementHandler,
        VerifyResultHandler,
        VerificationRateLimiter,
        VerifyStatementHandler,
        VerifyStatementsHandler,
        {
          provide: OUTBOX_SETUP,
          useFactory: (results: ResultsProjection): OutboxSetup => ({ mapper: resultsIntegrationMapper, projections: [results] }),
          inject: [ResultsProjection],
        },
        OutboxRunner,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.projection.init();
  }
}
