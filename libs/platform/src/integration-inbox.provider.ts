import { Logger, type Provider } from '@nestjs/common';
import { IntegrationInbox } from '#libs/messaging';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';

/**
 * A service's IntegrationInbox for consumers whose every handler is idempotent (versioned read
 * models, ledgers, deciders that refuse repeats): large batches are deduplicated in memory only
 * (see README, Known limits). Failures are logged under `IntegrationInbox` with their stack.
 */
export const idempotentInboxProvider: Provider = {
  provide: IntegrationInbox,
  useFactory: (i: ServiceInfrastructure) => {
    const logger = new Logger('IntegrationInbox');
    return new IntegrationInbox(i.documents, i.deadLetters, i.serviceName, {
      idempotentHandlers: true,
      logger: { warn: (m) => logger.warn(m), error: (m, e) => logger.error(`${m}: ${(e as Error)?.stack ?? String(e)}`) },
    });
  },
  inject: [INFRA],
};
