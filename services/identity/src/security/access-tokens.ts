import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '#libs/auth';
import type { Account } from './accounts.js';
import { SigningKeys } from './signing-keys.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

/** Short-lived ES256 access tokens with the claims libs/auth's Principal reads. */
@Injectable()
export class AccessTokens {
  constructor(private readonly keys: SigningKeys) {}

  sign(account: Account): Promise<string> {
    const { kid, privateKey } = this.keys.signingKey();
    return new SignJWT({
      roles: account.roles,
      ...(account.idNumber ? { idn: account.idNumber } : {}),
      ...(account.organisationId ? { org: account.organisationId } : {}),
    })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid })
      .setSubject(account.accountId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
      .sign(privateKey);
  }
}
