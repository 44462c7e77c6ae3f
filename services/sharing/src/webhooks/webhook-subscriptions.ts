import { Inject, Injectable } from '@nestjs/common';
import { DuplicateKeyError, type DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { FeedProjection } from '../feed/feed.projection.js';
import { WEBHOOK_CONFIG, type WebhookConfig } from './webhook.config.js';
import { openSecret, resealSecret, sealedKeyId, sealSecret } from './webhook-secret.cipher.js';

/** The feed position a subscription has delivered up to ('0' for a v1 counter cursor: see deliveredUpTo). */
export const cursorOf = (s: Pick<WebhookSubscription, 'deliveredUpTo'>): string => (typeof s.deliveredUpTo === 'string' ? s.deliveredUpTo : '0');

export interface LastDelivery {
  at: string;
  /** The receiver's HTTP status; 0 when it gave none (timeout, refused connection, bad TLS). */
  status: number;
}

/**
 * One organisation's webhook, and its delivery cursor over the organisation's feed positions:
 * every feed entry with `position > deliveredUpTo` is still to be delivered, oldest first.
 */
export interface WebhookSubscription {
  /** The organisation id: one subscription per organisation. */
  _id: string;
  url: string;
  /**
   * The signing secret, sealed (envelope encryption, webhook-secret.cipher.ts): not hashed, since
   * the worker needs it to sign every delivery (HMAC); the organisation sees it only in the answer
   * to PUT, and replacing the subscription rotates it. Documents written before encryption hold
   * it in clear until the next boot seals it; both forms are read.
   */
  secret: string;
  createdAt: string;
  /**
   * A feed position ('0': none yet). A number is a cursor of the v1 feed (counter positions that
   * no longer exist): cursorOf reads it as '0', so that subscription is sent its organisation's
   * feed again from the start (at least once: receivers drop repeats by event id).
   */
  deliveredUpTo: string | number;
  /** Failed attempts at the entry after `deliveredUpTo`; 0 when none. */
  attempts: number;
  /** Epoch ms before which the next attempt must not start (backoff). */
  nextAttemptAt: number;
  /** The claim of the worker delivering now ('' when none) and when that claim lapses (epoch ms). */
  lease: string;
  leaseUntil: number;
  lastDelivery: LastDelivery | null;
}

/** The subscriptions, with compare-and-set claims so that two instances do not deliver the same item at once. */
@Injectable()
export class WebhookSubscriptions {
  readonly collection: DocumentCollection<WebhookSubscription>;

  constructor(
    @Inject(INFRA) infra: ServiceInfrastructure,
    private readonly feed: FeedProjection,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
  ) {
    this.collection = infra.documents.collection<WebhookSubscription>('webhook_subscriptions');
  }

  async init(): Promise<void> {
    await this.collection.ensureIndex({ nextAttemptAt: 1 });
    await this.sealStoredSecrets();
  }

  /**
   * Seals the secrets stored in clear by earlier versions and seals again those under a previous
   * key (rotation); compare-and-set, so instances booting together do not undo each other. A
   * secret that no configured key opens fails the boot, loudly: webhooks would otherwise stop
   * signing, quietly.
   */
  private async sealStoredSecrets(): Promise<void> {
    const { keyring } = this.config;
    for (const s of await this.collection.find({})) {
      if (sealedKeyId(s.secret) === keyring.current.id) continue;
      let sealed: string;
      try {
        sealed = resealSecret(keyring, s._id, s.secret);
      } catch (error) {
        throw new Error(
          `${(error as Error).message}. Set WEBHOOK_SECRET_KEY to the key it was sealed with (or list that key in WEBHOOK_SECRET_PREVIOUS_KEYS), or delete the subscription so that the organisation registers its webhook again.`,
          { cause: error },
        );
      }
      await this.collection.updateOne({ _id: s._id, secret: s.secret }, { $set: { secret: sealed } });
    }
  }

  /** The clear signing secret; throws when no configured key opens it. */
  secretOf(subscription: WebhookSubscription): string {
    return openSecret(this.config.keyring, subscription._id, subscription.secret);
  }

  find(organisationId: string): Promise<WebhookSubscription | null> {
    return this.collection.findOne({ _id: organisationId });
  }

  /**
   * Creates or replaces the organisation's subscription. A new one starts after the latest
   * feed entry (history is in the pull feed); a replacement keeps its cursor, so what is
   * pending goes to the new URL and nothing already delivered is sent again.
   */
  async put(organisationId: string, url: string, secret: string, createdAt: string): Promise<void> {
    const fresh = { url, secret: sealSecret(this.config.keyring, organisationId, secret), createdAt, attempts: 0, nextAttemptAt: 0 };
    for (let attempt = 0; attempt < 5; attempt++) {
      const replaced = await this.collection.updateOne({ _id: organisationId }, { $set: fresh });
      if (replaced.matched === 1) return;
      const [latest] = await this.feed.entries.find({ organisationId }, { sort: { position: -1 }, limit: 1 });
      try {
        await this.collection.insertOne({
          _id: organisationId,
          ...fresh,
          deliveredUpTo: latest?.position ?? '0',
          lease: '',
          leaseUntil: 0,
          lastDelivery: null,
        });
        return;
      } catch (error) {
        // Another PUT created it first: replace that one.
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    throw new Error('webhook subscription: too many concurrent updates');
  }

  async remove(organisationId: string): Promise<boolean> {
    return (await this.collection.deleteMany({ _id: organisationId })) > 0;
  }

  /** Subscriptions whose backoff has passed and that nobody holds. */
  async due(now: number): Promise<WebhookSubscription[]> {
    const candidates = await this.collection.find({ nextAttemptAt: { $lte: now } });
    return candidates.filter((s) => s.leaseUntil <= now);
  }

  /** Takes the subscription if it is still exactly as `seen` (compare-and-set on cursor and lease). */
  async claim(seen: WebhookSubscription, lease: string, until: number): Promise<boolean> {
    const filter = { _id: seen._id, deliveredUpTo: seen.deliveredUpTo, lease: seen.lease, leaseUntil: seen.leaseUntil };
    return (await this.collection.updateOne(filter, { $set: { lease, leaseUntil: until } })).matched === 1;
  }

  /** Moves the cursor past `position`; the worker keeps its claim (renewed to `until`) for the next entry. */
  async delivered(organisationId: string, lease: string, position: string, last: LastDelivery, until: number): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: organisationId, lease },
      { $set: { deliveredUpTo: position, attempts: 0, nextAttemptAt: 0, lastDelivery: last, leaseUntil: until } },
    );
    return r.matched === 1;
  }

  async failed(organisationId: string, lease: string, attempts: number, nextAttemptAt: number, last: LastDelivery): Promise<void> {
    await this.collection.updateOne(
      { _id: organisationId, lease },
      { $set: { attempts, nextAttemptAt, lastDelivery: last, lease: '', leaseUntil: 0 } },
    );
  }

  async release(organisationId: string, lease: string): Promise<void> {
    await this.collection.updateOne({ _id: organisationId, lease }, { $set: { lease: '', leaseUntil: 0 } });
  }
}
