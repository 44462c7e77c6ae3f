import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '#libs/auth';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { DuplicateKeyError, type DocumentCollection } from '#libs/persistence';

interface StoredKeyPair {
  _id: string;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
}

const CURRENT = 'current';

/**
 * identity's ES256 key pair: made at first boot and kept in identity's own store, so every
 * instance (and every restart) signs with the same key and the JWKS stays stable.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly keys: DocumentCollection<StoredKeyPair>;
  private current: { kid: string; privateKey: CryptoKey; publicJwk: JWK } | null = null;

  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.keys = infra.documents.collection<StoredKeyPair>('signing_keys');
  }

  async onModuleInit(): Promise<void> {
    const stored = (await this.keys.findOne({ _id: CURRENT })) ?? (await this.create());
    this.current = {
      kid: stored.kid,
      privateKey: (await importJWK(stored.privateJwk, TOKEN_ALGORITHM)) as CryptoKey,
      publicJwk: stored.publicJwk,
    };
  }

  /** Two instances booting at once both try to insert; the loser reads the winner's key. */
  private async create(): Promise<StoredKeyPair> {
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    const pair: StoredKeyPair = {
      _id: CURRENT,
      kid: randomUUID(),
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
      createdAt: this.infra.clock.now().toISOString(),
    };
    try {
      await this.keys.insertOne(pair);
      return pair;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const winner = await this.keys.findOne({ _id: CURRENT });
      if (!winner) throw error;
      return winner;
    }
  }

  signingKey(): { kid: string; privateKey: CryptoKey } {
    if (!this.current) throw new Error('signing keys not loaded yet');
    return this.current;
  }

  /** The public half as a JWKS. */
  jwks(): { keys: JWK[] } {
    if (!this.current) throw new Error('signing keys not loaded yet');
    const { kty, crv, x, y } = this.current.publicJwk;
    return { keys: [{ kty, crv, x, y, kid: this.current.kid, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  }
}
