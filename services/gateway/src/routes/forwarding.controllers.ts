import { Controller, Delete, Get, Inject, Patch, Post, Put, Req, Res, applyDecorators, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HttpMethod, Route } from '#libs/contracts';
import { Public, Roles, type Role } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';
import { GuessLimit } from './guess-limit.js';

const METHOD_DECORATORS: Record<HttpMethod, (path: string) => MethodDecorator> = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

/** The decorators a hand-written forwarder would carry: the verb and exact path, who may call, the rate-limit class, the docs. */
function routeDecorators(route: Route): MethodDecorator {
  const access = route.access === 'public' ? [Public()] : [ApiBearerAuth(), Roles(...(route.access satisfies readonly Role[]))];
  const limit = route.rateLimit === 'guess' ? [GuessLimit()] : [];
  return applyDecorators(ApiTags(route.tag), ...access, ...limit, METHOD_DECORATORS[route.method](route.path.slice(1)));
}

/**
 * One controller per route of the table (libs/contracts/src/http/routes.ts), made when the module is
 * created: the guards (token, roles), the throttlers (@GuessLimit), the 405 answers and the
 * rebuilding of the upstream path all work from the decorators as they would on a hand-written
 * forwarder. Each class is named after its route: the guess throttler counts per class and handler.
 */
export function forwardingControllers(routes: Record<string, Route>): Type[] {
  return Object.entries(routes).map(([name, route]) => {
    @Controller()
    class Forwarder {
      constructor(@Inject(ServiceProxy) private readonly proxy: ServiceProxy) {}

      forward(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply): Promise<void> {
        return this.proxy.forward(route.service, req, reply);
      }
    }
    Object.defineProperty(Forwarder, 'name', { value: `${name[0].toUpperCase()}${name.slice(1)}Route` });
    const descriptor = Object.getOwnPropertyDescriptor(Forwarder.prototype, 'forward')!;
    routeDecorators(route)(Forwarder.prototype, 'forward', descriptor);
    return Forwarder;
  });
}
