import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * Fetches identity's public keys (JWKS) and caches them by key id. An unknown kid triggers at
 * most one refetch per `minRefetchMs`, so forged kids cannot hammer identity.
 */
export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private lastFetch = 0;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly url: () => string,
    private readonly minRefetchMs = 5_000,
  ) {}

  async get(kid: string): Promise<KeyObject | null> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastFetch >= this.minRefetchMs || this.keys.size === 0) await this.refresh();
    return this.keys.get(kid) ?? null;
  }

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const response = await fetch(this.url(), { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`JWKS ${response.status}`);
        const body = (await response.json()) as { keys: (JsonWebKey & { kid: string })[] };
        this.keys = new Map(body.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
        this.lastFetch = Date.now();
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}
