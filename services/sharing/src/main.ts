import { closeOnSignals, distributedInfrastructure, startService, startTracing } from '#libs/platform';
import { loadSharingConfig } from './config.js';
import { SharingModule } from './sharing.module.js';

/** Distributed mode: sharing as its own process (configuration from the environment only: config.ts). */
// Before connecting to anything: WEBHOOK_SECRET_KEY is required here (no DATA_DIR to keep one in).
const config = loadSharingConfig();
startTracing('sharing', config.tracing);
const infra = await distributedInfrastructure('sharing', config.infrastructure);
const service = await startService(SharingModule.register(infra, { webhooks: config.webhooks, feed: config.feed }), infra, { port: config.port, host: config.host, consumes: true });
closeOnSignals(service, infra);
