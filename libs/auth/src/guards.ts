import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AuthCheckErrors, forbidden } from './auth.errors.js';
import type { CandidatePrincipal, OrganisationUserPrincipal, Principal, Role } from './principal.js';

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
    throw forbidden(AuthCheckErrors.FORBIDDEN_ROLE, 'This route is not for your kind of account.');
  }
}

const signedIn = (context: ExecutionContext): Principal => {
  const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!user) throw forbidden(AuthCheckErrors.NOT_SIGNED_IN, 'Not signed in.');
  return user;
};

/** Whoever is signed in (403 when no one is). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => signedIn(context));

/** The signed-in candidate; 403 for an account without an ID Number. */
export const CurrentCandidate = createParamDecorator((_data: unknown, context: ExecutionContext): CandidatePrincipal => {
  const user = signedIn(context);
  if (!user.idNumber) throw forbidden(AuthCheckErrors.NOT_A_CANDIDATE, 'This account has no ID Number.');
  return user as CandidatePrincipal;
});

/** The signed-in organisation user; 403 for an account that belongs to no organisation. */
export const CurrentOrganisationUser = createParamDecorator((_data: unknown, context: ExecutionContext): OrganisationUserPrincipal => {
  const user = signedIn(context);
  if (!user.organisationId) throw forbidden(AuthCheckErrors.NOT_AN_ORGANISATION_USER, 'This account belongs to no organisation.');
  return user as OrganisationUserPrincipal;
});
