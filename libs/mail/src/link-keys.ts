import { createHmac, randomBytes } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection } from '#libs/persistence';
import type { MailJobStore } from './mail-jobs.projection.js';

interface LinkKeyDoc {
  _id: string;
  key: string;
}

/**
 * The secret that turns an event into the token of the link mailed for it
 * (token = HMAC-SHA256(key, purpose:id)): the event stores only the token's hash, the mail
 * worker derives the token again when it sends, so no token is ever stored. One key per
 * service, in its own database (created by the first instance, read by the others), beside the
 * service's other secrets: whoever reads that database can already sign tokens there.
 */
export class LinkKeys {
  private readonly keys: DocumentCollection<LinkKeyDoc>;
  private key: Promise<Buffer> | null = null;

  constructor(documents: MailJobStore) {
    this.keys = documents.collection<LinkKeyDoc>('link_keys');
  }

  /** The token mailed for `id` (an invitation id, a reset request's id) under `purpose`. */
  async tokenFor(purpose: string, id: string): Promise<string> {
    return createHmac('sha256', await this.secret()).update(`${purpose}:${id}`).digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async load(): Promise<Buffer> {
    try {
      await this.keys.insertOne({ _id: 'mail-links', key: randomBytes(32).toString('base64') });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const doc = await this.keys.findOne({ _id: 'mail-links' });
    if (!doc) throw new Error('the mail link key could not be read back');
    return Buffer.from(doc.key, 'base64');
  }
}
