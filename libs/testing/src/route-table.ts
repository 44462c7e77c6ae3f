import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { openApiPath, routeKey, routeList, serviceOnlyApiRoutes, type OwningService, type Route } from '#libs/contracts';

/** A route a NestJS app serves, as its decorators declare it. */
export interface ServedRoute {
  method: string;
  path: string;
  /** `public`, the roles any one of which may call (sorted), or `token` (signed in, no role named). */
  access: string;
  handler: object;
}

// The metadata keys of libs/auth's @Public() and @Roles(): a change there makes every access differ here, loudly.
const PUBLIC_KEY = 'auth:public';
const ROLES_KEY = 'auth:roles';

const joinPath = (...parts: (string | undefined)[]) =>
  `/${parts.flatMap((p) => (p ?? '').split('/')).filter((s) => s !== '').join('/')}`;

const firstOf = (value: unknown): string | undefined => (Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined));

/** The access a handler declares, the way libs/auth's guards read it (the handler's metadata over its class's). */
function accessOf(controller: object, handler: object): string {
  const pick = (key: string): unknown => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  if (pick(PUBLIC_KEY) === true) return 'public';
  const roles = pick(ROLES_KEY) as string[] | undefined;
  return roles && roles.length > 0 ? [...roles].sort().join(',') : 'token';
}

/** Every HTTP route of a running NestJS app (all its modules' controllers), from the decorators. */
export function servedRoutes(app: INestApplicationContext): ServedRoute[] {
  const served: ServedRoute[] = [];
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefix = firstOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || path === undefined) continue;
        served.push({ method: RequestMethod[method], path: joinPath(prefix, firstOf(path)), access: accessOf(controller, handler), handler });
      }
    }
  }
  return served;
}

/** The table's access, spelled as servedRoutes spells it. */
export const tableAccess = (route: Route): string => (route.access === 'public' ? 'public' : [...route.access].sort().join(','));

interface OpenApiLike {
  paths?: Record<string, Record<string, unknown>>;
}

/**
 * Where a service and the route table (libs/contracts/src/http/routes.ts) disagree: each of the
 * service's table routes must be served with the same method, path and access; each route it
 * serves under /api/v1, and each operation its OpenAPI document lists there, must be in the table
 * as its own (or declared service-only). Empty when they agree.
 */
export function disagreementsWithTable(service: OwningService, served: ServedRoute[], openApi: OpenApiLike): string[] {
  const problems: string[] = [];
  const own = routeList().filter((r) => r.service === service);
  const ownKeys = new Set([...own.map(routeKey), ...serviceOnlyApiRoutes]);
  const servedByKey = new Map(served.map((s) => [routeKey(s), s]));
  for (const route of own) {
    const found = servedByKey.get(routeKey(route));
    if (!found) problems.push(`${routeKey(route)}: in the table, not served by ${service}`);
    else if (found.access !== tableAccess(route)) problems.push(`${routeKey(route)}: ${service} allows ${found.access}, the table ${tableAccess(route)}`);
  }
  for (const s of served) {
    if (s.path.startsWith('/api/v1/') || s.path === '/api/v1') {
      if (!ownKeys.has(routeKey(s))) problems.push(`${routeKey(s)}: served by ${service}, not in the table as its route`);
    }
  }
  const ownOperations = new Set([...own.map(routeKey), ...serviceOnlyApiRoutes].map((key) => openApiPath(key)));
  for (const [path, item] of Object.entries(openApi.paths ?? {})) {
    if (!path.startsWith('/api/v1')) continue;
    for (const method of Object.keys(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (!ownOperations.has(key)) problems.push(`${key}: in ${service}'s OpenAPI document, not in the table as its route`);
    }
  }
  return problems;
}
