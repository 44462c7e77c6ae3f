import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import { hashOfToken, newSecretToken } from './secret-tokens.js';

interface ResetTokenDoc {
  /** sha256 of the token sent by e-mail. */
  _id: string;
  account: string;
  expiresAt: string;
  usedAt: string | null;
}

export const RESET_TOKEN_MINUTES = 30;

/** Single-use password reset tokens (operational state like sessions: plain documents, not events). */
@Injectable()
export class ResetTokens implements OnModuleInit {
  private readonly tokens: DocumentCollection<ResetTokenDoc>;

  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.tokens = infra.documents.collection<ResetTokenDoc>('password_reset_tokens');
  }

  async onModuleInit(): Promise<void> {
    await this.tokens.ensureIndex({ account: 1 });
  }

  async issue(account: string): Promise<string> {
    const token = newSecretToken();
    const expiresAt = new Date(this.infra.clock.now().getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString();
    await this.tokens.insertOne({ _id: hashOfToken(token), account, expiresAt, usedAt: null });
    return token;
  }

  /** Uses a token up; answers the account it was for, or null when unknown, expired or used. */
  async consume(token: string): Promise<string | null> {
    const id = hashOfToken(token);
    const now = this.infra.clock.now().toISOString();
    const doc = await this.tokens.findOne({ _id: id });
    if (!doc || doc.usedAt !== null || doc.expiresAt <= now) return null;
    const r = await this.tokens.updateOne({ _id: id, usedAt: null }, { $set: { usedAt: now } });
    if (r.matched !== 1) return null;
    // Other links sent before this one stop working too.
    await this.tokens.updateMany({ account: doc.account, usedAt: null }, { $set: { usedAt: now } });
    return doc.account;
  }
}
