import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import { hashOfToken, newSecretToken } from './secret-tokens.js';

interface RefreshTokenDoc {
  /** sha256 of the token: a stolen database does not yield working tokens. */
  _id: string;
  familyId: string;
  account: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export const REFRESH_TOKEN_DAYS = 14;

export type Redemption = { ok: true; account: string; familyId: string } | { ok: false };

/**
 * Rotating refresh tokens, one family per login. This is operational session state, not
 * business history, so it is kept as plain documents rather than event-sourced.
 * Redeeming a token uses it up; presenting a used one again means it was copied, so the whole
 * family (every later token of that login) is revoked.
 */
@Injectable()
export class RefreshTokens implements OnModuleInit {
  private readonly tokens: DocumentCollection<RefreshTokenDoc>;

  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.tokens = infra.documents.collection<RefreshTokenDoc>('refresh_tokens');
  }

  async onModuleInit(): Promise<void> {
    await this.tokens.ensureIndex({ familyId: 1 });
    await this.tokens.ensureIndex({ account: 1 });
  }

  async issue(account: string, familyId: string = randomUUID()): Promise<string> {
    const token = newSecretToken();
    const now = this.infra.clock.now();
    await this.tokens.insertOne({
      _id: hashOfToken(token),
      familyId,
      account,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString(),
      usedAt: null,
      revokedAt: null,
    });
    return token;
  }

  async redeem(token: string): Promise<Redemption> {
    const id = hashOfToken(token);
    const doc = await this.tokens.findOne({ _id: id });
    const now = this.infra.clock.now().toISOString();
    if (!doc || doc.revokedAt !== null || doc.expiresAt <= now) return { ok: false };
    // Compare-and-set: of two redeemers of one token, only one wins; the other counts as a replay.
    const won = doc.usedAt === null && (await this.tokens.updateOne({ _id: id, usedAt: null, revokedAt: null }, { $set: { usedAt: now } })).matched === 1;
    if (!won) {
      await this.tokens.updateMany({ familyId: doc.familyId, revokedAt: null }, { $set: { revokedAt: now } });
      return { ok: false };
    }
    return { ok: true, account: doc.account, familyId: doc.familyId };
  }

  /** Signs an account out everywhere (after a password reset). */
  async revokeAccount(account: string): Promise<void> {
    const now = this.infra.clock.now().toISOString();
    await this.tokens.updateMany({ account, revokedAt: null }, { $set: { revokedAt: now } });
  }
}
