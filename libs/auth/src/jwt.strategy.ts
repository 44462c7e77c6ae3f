import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthCheckErrors, unauthorized } from './auth.errors.js';
import { JwksCache } from './jwks.cache.js';
import { principalFromClaims, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims, type Principal } from './principal.js';

export const JWKS_CACHE = Symbol('JWKS_CACHE');

function kidOf(rawJwt: string): string | null {
  try {
    const header = JSON.parse(Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : null;
  } catch {
    return null;
  }
}

/** passport-jwt: ES256 only, iss/aud checked, exp required and checked, keys from identity's JWKS. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(JWKS_CACHE) jwks: JwksCache) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
      // The key object itself (jsonwebtoken takes a KeyObject): exporting it to PEM for every
      // request made jsonwebtoken parse the PEM back into a key each time.
      secretOrKeyProvider: (_req: unknown, rawJwt: string, done: (err: unknown, key?: string) => void) => {
        const kid = kidOf(rawJwt);
        if (!kid) return done(null, undefined);
        jwks.get(kid).then(
          (key) => done(null, (key ?? undefined) as unknown as string | undefined),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(claims: AccessClaims & { exp?: unknown }): Principal {
    // jsonwebtoken checks `exp` only when it is there: a validly signed token without one would
    // never expire. identity always sets it; anything else is refused.
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
      throw unauthorized(AuthCheckErrors.TOKEN_WITHOUT_EXPIRY, 'The access token has no expiry time: sign in again.');
    }
    return principalFromClaims(claims);
  }
}
