import {
  createParamDecorator,
  ForbiddenException,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Principal, Role } from './principal.js';

const PUBLIC = 'auth:public';
const ROLES = 'auth:roles';

/** Marks a route that needs no access token (register, login, health, ...). */
export const Public = () => SetMetadata(PUBLIC, true);

/** The roles any one of which may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Messages from Kafka or the bus carry no token: they are trusted platform traffic.
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }
}

/** Checks @Roles(): a token of another kind gets 403, never data. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (user && user.roles.some((r) => roles.includes(r))) return true;
    throw new ForbiddenException('This route is not for your kind of account.');
  }
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!user) throw new ForbiddenException('Not signed in.');
  return user;
});
