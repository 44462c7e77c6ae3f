import { closeOnSignals, distributedInfrastructure, EnvReader, startService } from '#libs/platform';
import { identityInternalRoutes } from './identity.internal-routes.js';
import { IdentityModule } from './identity.module.js';

/** Distributed mode: identity as its own process (configuration from the environment only). */
const env = new EnvReader();
const port = env.int('PORT', 3101);
const host = env.string('HOST', '0.0.0.0');
const adminEmail = env.optional('ADMIN_EMAIL');
const adminPassword = env.optional('ADMIN_PASSWORD');
const infra = await distributedInfrastructure('identity', env);
const service = await startService(IdentityModule.register(infra, { adminEmail, adminPassword }), infra, { port, host, consumes: true, internalRoutes: identityInternalRoutes });
closeOnSignals(service, infra);
