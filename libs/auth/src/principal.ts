export type Role = 'candidate' | 'organisation' | 'exam-centre' | 'operator';

/** Who is calling, as the access token says. */
export interface Principal {
  /** The account id: a candidateId, an organisation user id or the operator's id. */
  sub: string;
  roles: Role[];
  /** Candidates only: the ID Number their account belongs to. */
  idNumber?: string;
  /** Organisation users only. */
  organisationId?: string;
}

/** A signed-in candidate: their ID Number is known. */
export type CandidatePrincipal = Principal & { idNumber: string };

/** A signed-in organisation user: their organisation is known. */
export type OrganisationUserPrincipal = Principal & { organisationId: string };

/** The claims identity puts into an access token besides iss, aud, exp, iat and jti. */
export interface AccessClaims {
  sub: string;
  roles: Role[];
  idn?: string;
  org?: string;
}

export const TOKEN_ISSUER = 'results-sharing/identity';
export const TOKEN_AUDIENCE = 'results-sharing';
export const TOKEN_ALGORITHM = 'ES256';

export function principalFromClaims(claims: AccessClaims): Principal {
  return {
    sub: claims.sub,
    roles: claims.roles,
    ...(claims.idn ? { idNumber: claims.idn } : {}),
    ...(claims.org ? { organisationId: claims.org } : {}),
  };
}
