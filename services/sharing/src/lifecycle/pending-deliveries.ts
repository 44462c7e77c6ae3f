import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventMetadata } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { hasExpired, InvitationsProjection, invitedRecipientIdOf } from '../projections/invitations.projection.js';
import { canReceive, RecipientsProjection, type RecipientAccount, type RecipientOrganisation } from '../projections/recipients.projection.js';
import { ResultsProjection, type SharableResult } from '../projections/results.projection.js';
import { SharesProjection } from '../projections/shares.projection.js';
import { ShareCommands, type ShareReaction } from './share-commands.js';

/** Invitations looked at per sweep (expired ones to lapse, accepted ones to deliver). */
const PER_SWEEP = 200;

/**
 * A share that waited for an invited organisation, once the organisation's account may receive it
 * (pure): delivered to the account as it now is, with the result as it now is (amended meanwhile,
 * perhaps); the decider lapses it instead when the result is restricted for that kind of
 * organisation. A result withdrawn meanwhile lapses it (WithdrawForResult).
 */
export function deliveryOf(share: { _id: string }, account: RecipientAccount, result: SharableResult | null, now: string): ShareReaction {
  if (result?.withdrawn) {
    return { shareId: share._id, command: { type: 'WithdrawForResult', data: { withdrawnAt: result.withdrawn.at, reason: result.withdrawn.reason } } };
  }
  return {
    shareId: share._id,
    command: {
      type: 'DeliverPending',
      data: {
        recipient: {
          recipientId: account._id,
          organisationId: account.organisationId,
          organisationName: account.organisationName,
          department: account.department,
          kind: account.kind,
        },
        sharedAt: now,
        ...(result ? { result: { ...structuredClone(result.details), verificationCode: result.verificationCode } } : {}),
        restrictions: result?.restrictions ?? [],
      },
    },
  };
}

/** A pending share whose invitation expired unaccepted lapses, at the expiry (pure). */
export const lapseOf = (share: { _id: string }, expiresAt: string): ShareReaction => ({ shareId: share._id, command: { type: 'LapsePending', data: { lapsedAt: expiresAt } } });

const bySharing = (): EventMetadata => ({ correlationId: randomUUID(), causationId: null, actor: 'sharing' });

/**
 * The process manager of shares sent to an invitation: they wait (pending) until the invited
 * organisation has accepted, its account has reached sharing (OrganisationRegistered, on another
 * topic, in any order) and it is approved; then each is delivered under the id it kept. One that
 * waited past the invitation's expiry lapses. Triggered by the organisations and invitations
 * consumers, by a share just requested (ShareLifecycleWatcher), and swept now and then
 * (PendingSharesJob) so that nothing a failure or a race left behind waits for ever.
 */
@Injectable()
export class PendingDeliveries {
  private readonly logger = new Logger('PendingDeliveries');

  constructor(
    private readonly shares: SharesProjection,
    private readonly recipients: RecipientsProjection,
    private readonly invitations: InvitationsProjection,
    private readonly results: ResultsProjection,
    private readonly commands: ShareCommands,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  private now(): string {
    return this.infra.clock.now().toISOString();
  }

  /**
   * Organisations registered, updated or approved: their accounts that came from an invitation get
   * what waits for them. Never thrown (the consumer's event is applied already, and must not be
   * dead-lettered for this): a failure is logged, and the sweep delivers within PENDING_SWEEP_EVERY_MS.
   */
  async onOrganisations(orgs: readonly RecipientOrganisation[], metadata: EventMetadata): Promise<void> {
    await this.quietly(async () => {
      const accounts = orgs.filter((o) => o.approved).flatMap((o) => o.accounts.filter((a) => a.active).map((a) => a.recipientId));
      const invited = await this.invitations.findByRecipients(accounts);
      await this.deliverTo(invited.map((i) => i.invitedRecipientId), metadata);
    });
  }

  /** Invitations accepted: their accounts get what waits for them, if they may receive it yet. Never thrown, as onOrganisations. */
  async onAccepted(recipientIds: readonly string[], metadata: EventMetadata): Promise<void> {
    await this.quietly(() => this.deliverTo(recipientIds, metadata));
  }

  private async quietly(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`waiting shares not delivered or lapsed now (the next sweep tries again): ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  /** Delivers the shares waiting for these accounts, for those that may receive them now; how many were delivered. */
  async deliverTo(recipientIds: readonly string[], metadata: EventMetadata = bySharing()): Promise<number> {
    let delivered = 0;
    for (const recipientId of new Set(recipientIds)) {
      const account = await this.recipients.find(recipientId);
      if (!account || !canReceive(account)) continue;
      const waiting = await this.shares.view.find({ recipientId, status: 'pending' });
      for (const share of waiting) {
        const reaction = deliveryOf(share, account, await this.results.find(share.resultId), this.now());
        if (await this.commands.run(reaction, metadata)) delivered++;
      }
    }
    if (delivered > 0) this.logger.log(`${delivered} waiting share(s) delivered`);
    return delivered;
  }

  /** A share just asked for (SharePending): delivered at once when its organisation is ready, lapsed when its invitation expired. */
  async settle(share: { shareId: string; resultId: string; invitationId: string }, metadata: EventMetadata): Promise<void> {
    const invitation = await this.invitations.find(share.invitationId);
    if (invitation && hasExpired(invitation, this.infra.clock.now())) {
      await this.commands.run(lapseOf({ _id: share.shareId }, invitation.expiresAt), metadata);
      return;
    }
    const account = await this.recipients.find(invitedRecipientIdOf(share.invitationId));
    if (!account || !canReceive(account)) return;
    await this.commands.run(deliveryOf({ _id: share.shareId }, account, await this.results.find(share.resultId), this.now()), metadata);
  }

  /**
   * One sweep: the shares of invitations that expired unaccepted lapse; those of accepted ones whose
   * organisation may receive them are delivered (what a failed or raced reaction left). Each
   * invitation is marked once done with, so a sweep looks only at what is left.
   */
  async sweep(): Promise<{ lapsed: number; delivered: number }> {
    const now = this.infra.clock.now();
    let lapsed = 0;
    // One invitation's failure is logged and left for the next sweep; the others go on.
    for (const invitation of await this.invitations.findExpired(now, PER_SWEEP)) {
      await this.quietly(async () => {
        const waiting = await this.shares.view.find({ recipientId: invitation.invitedRecipientId, status: 'pending' });
        lapsed += await this.commands.runAll(
          waiting.map((s) => lapseOf(s, invitation.expiresAt)),
          bySharing(),
        );
        await this.invitations.markLapsed(invitation._id, now.toISOString());
      });
    }
    let delivered = 0;
    for (const invitation of await this.invitations.findUndelivered(PER_SWEEP)) {
      await this.quietly(async () => {
        const account = await this.recipients.find(invitation.invitedRecipientId);
        if (!account || !canReceive(account)) return;
        delivered += await this.deliverTo([account._id]);
        await this.invitations.markDelivered(invitation._id, now.toISOString());
      });
    }
    if (lapsed > 0) this.logger.log(`${lapsed} waiting share(s) lapsed: their invitation expired`);
    return { lapsed, delivered };
  }
}
