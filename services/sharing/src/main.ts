import { closeOnSignals, distributedInfrastructure, EnvReader, startService } from '#libs/platform';
import { SharingModule } from './sharing.module.js';
import { webhookConfigFromEnv } from './webhooks/webhook.config.js';

/** Distributed mode: sharing as its own process (configuration from the environment only). */
const env = new EnvReader();
const port = env.int('PORT', 3104);
const host = env.string('HOST', '0.0.0.0');
// Before connecting to anything: WEBHOOK_SECRET_KEY is required here (no DATA_DIR to keep one in).
webhookConfigFromEnv();
const infra = await distributedInfrastructure('sharing', env);
const service = await startService(SharingModule.register(infra), infra, { port, host, consumes: true });
closeOnSignals(service, infra);
