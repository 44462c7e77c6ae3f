import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from '#libs/auth';

/**
 * A stand-in for identity's token signing in a single service's tests: a real ES256 key pair,
 * a real JWKS endpoint on loopback, real signed tokens (the services verify them for real).
 */
export class TestTokenIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
    private readonly server: Server,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<TestTokenIssuer> {
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestTokenIssuer(privateKey, kid, server, `http://127.0.0.1:${port}/jwks.json`);
  }

  /** `expiresIn: null` signs a token without `exp` (which the services must refuse). */
  sign(claims: AccessClaims, expiresIn: string | null = '15m'): Promise<string> {
    const jwt = new SignJWT({ roles: claims.roles, ...(claims.idn ? { idn: claims.idn } : {}), ...(claims.org ? { org: claims.org } : {}) })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.kid })
      .setSubject(claims.sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID());
    return (expiresIn === null ? jwt : jwt.setExpirationTime(expiresIn)).sign(this.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
