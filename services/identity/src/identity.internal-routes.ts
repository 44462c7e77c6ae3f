import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus } from '@nestjs/cqrs';
import type { InternalRoute } from '#libs/platform';
import { addOrganisationUserRoute } from './user-account/add-organisation-user/add-organisation-user.internal-route.js';

/** identity's service-to-service routes (its internal listener): pass as StartOptions.internalRoutes. */
export const identityInternalRoutes = (app: NestFastifyApplication): InternalRoute[] => [addOrganisationUserRoute(app.get(CommandBus))];
