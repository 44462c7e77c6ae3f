import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { StoredEvent } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import type { Projection } from '#libs/projections';
import { isPasswordResetRequested } from '../password-reset/password-reset.events.js';
import { hashOfToken } from './secret-tokens.js';

interface ResetTokenDoc {
  /** sha256 of the token sent by e-mail. */
  _id: string;
  account: string;
  expiresAt: string;
  usedAt: string | null;
}

export const RESET_TOKEN_MINUTES = 30;

/**
 * Single-use password reset tokens: each PasswordResetRequested adds one (a projection, so the
 * token works by the time its e-mail, sent from the same event, arrives); using one is
 * operational state like sessions. A rebuild keeps the documents (`reset` empties nothing):
 * replaying the requests must not make used tokens usable again.
 */
@Injectable()
export class ResetTokens implements OnModuleInit, Projection {
  readonly name = 'password-reset-tokens';
  private readonly tokens: DocumentCollection<ResetTokenDoc>;

  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.tokens = infra.documents.collection<ResetTokenDoc>('password_reset_tokens');
  }

  async onModuleInit(): Promise<void> {
    await this.tokens.ensureIndex({ account: 1 });
  }

  async apply(event: StoredEvent): Promise<void> {
    if (!isPasswordResetRequested(event)) return;
    const { tokenHash, account, expiresAt } = event.data;
    await this.tokens.insertMany([{ _id: tokenHash, account, expiresAt, usedAt: null }], { ignoreDuplicates: true });
  }

  async reset(): Promise<void> {}

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
