import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * Fetches identity's public keys (JWKS) and caches them by key id. An unknown kid triggers at
 * most one refetch per `minRefetchMs`, so forged kids cannot hammer identity. The URL may list
 * several, separated by commas (one per identity instance: they all serve the same stored key);
 * they are tried in turn until one answers.
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
        const urls = this.url().split(',').map((u) => u.trim()).filter(Boolean);
        let failure: unknown = new Error('JWKS: no URL');
        for (const url of urls) {
          try {
            this.keys = await fetchKeys(url);
            this.lastFetch = Date.now();
            return;
          } catch (error) {
            failure = error;
          }
        }
        throw failure;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}

async function fetchKeys(url: string): Promise<Map<string, KeyObject>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`JWKS ${response.status}`);
  const body = (await response.json()) as { keys: (JsonWebKey & { kid: string })[] };
  return new Map(body.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
}
