import { closeOnSignals, distributedInfrastructure, startService, startTracing } from '#libs/platform';
import { loadIdentityConfig } from './config.js';
import { identityInternalRoutes } from './identity.internal-routes.js';
import { IdentityModule } from './identity.module.js';

/** Distributed mode: identity as its own process (configuration from the environment only: config.ts). */
const config = loadIdentityConfig();
startTracing('identity', config.tracing);
const infra = await distributedInfrastructure('identity', config.infrastructure);
const service = await startService(
  IdentityModule.register(infra, { adminEmail: config.adminEmail, adminPassword: config.adminPassword }),
  infra,
  { port: config.port, host: config.host, consumes: true, internalRoutes: identityInternalRoutes },
);
closeOnSignals(service, infra);
