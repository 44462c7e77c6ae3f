import { Inject, Injectable } from '@nestjs/common';
import { invitedRecipientName, type IntegrationEnvelope, type InstitutionInvitedV1, type InvitationAcceptedV1 } from '#libs/contracts';
import { deterministicUuid } from '#libs/domain';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type VersionedDoc } from '#libs/projections';

/** How long an invitation link stays valid when its event does not say (messages from before `expiresAt`): the directory's 14 days. */
export const DEFAULT_INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type InvitationStatus = 'pending' | 'accepted';

/** An invitation a candidate sent to an unlisted organisation (keyed by invitationId), as sharing needs it for the shares that wait for it. */
export interface SharingInvitation extends VersionedDoc {
  organisationName: string;
  /** The candidate who invited (their account id): only they may attach results to it. */
  invitedBy: string;
  /** After this, unaccepted, its waiting shares lapse. */
  expiresAt: string;
  status: InvitationStatus;
  /** The recipient account the invitation becomes once accepted (known from the start: derived from the invitation id). */
  invitedRecipientId: string;
  /** Set once accepted. */
  organisationId?: string;
  recipientId?: string;
  acceptedAt?: string;
  /** Set once the lapse job lapsed the shares that waited for it (expired unaccepted). */
  lapsedAt?: string;
  /** Set once the lapse job saw it accepted and its organisation able to receive: the shares that waited were delivered. */
  sharesDeliveredAt?: string;
}

export type InvitationEvent = IntegrationEnvelope<'InstitutionInvited', InstitutionInvitedV1> | IntegrationEnvelope<'InvitationAccepted', InvitationAcceptedV1>;

/** The recipient account an accepted invitation becomes (the directory names it so: invitedRecipientName). */
export const invitedRecipientIdOf = (invitationId: string): string => deterministicUuid(invitedRecipientName(invitationId));

export const evolveInvitation: Evolve<SharingInvitation, InvitationEvent> = (doc, e) => {
  switch (e.type) {
    case 'InstitutionInvited': {
      const { _id: _i, _version: _v, ...before } = doc ?? { _id: '', _version: 0 };
      return {
        ...before,
        organisationName: e.data.organisationName,
        invitedBy: e.data.invitedBy,
        expiresAt: e.data.expiresAt ?? new Date(Date.parse(e.occurredAt) + DEFAULT_INVITATION_TTL_MS).toISOString(),
        status: doc?.status ?? 'pending',
        invitedRecipientId: invitedRecipientIdOf(e.data.invitationId),
      };
    }
    case 'InvitationAccepted': {
      // Accepted before sharing saw it issued (not on one ordered partition): nothing to deliver for.
      if (!doc) return null;
      const { _id: _i, _version: _v, ...rest } = doc;
      return { ...rest, status: 'accepted', organisationId: e.data.organisationId, recipientId: e.data.recipientId, acceptedAt: e.occurredAt };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown invitation event ${JSON.stringify(unknown)}`);
    }
  }
};

/** An invitation that can no longer be accepted, and was not. */
export const hasExpired = (invitation: SharingInvitation, now: Date): boolean => invitation.status === 'pending' && invitation.expiresAt <= now.toISOString();

/**
 * sharing's copy of the invitations (`directory.invitation.v1`): which organisation a waiting
 * share is for, until when, and the account it became once accepted. Versioned by the
 * invitation stream (one per website domain), so a repeat changes nothing.
 */
@Injectable()
export class InvitationsProjection {
  readonly view: DocumentCollection<SharingInvitation>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<SharingInvitation>('invitations');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ invitedRecipientId: 1 });
    await this.view.ensureIndex({ status: 1, expiresAt: 1 });
  }

  async applyBatch(events: readonly InvitationEvent[]): Promise<void> {
    await applyVersionedBatch(
      this.view,
      events.map((e) => ({ id: e.data.invitationId, version: e.aggregateVersion, event: e })),
      evolveInvitation,
    );
  }

  find(invitationId: string): Promise<SharingInvitation | null> {
    return this.view.findOne({ _id: invitationId });
  }

  /** The invitations that became (or will become) these recipient accounts. */
  findByRecipients(recipientIds: readonly string[]): Promise<SharingInvitation[]> {
    if (recipientIds.length === 0) return Promise.resolve([]);
    return this.view.find({ invitedRecipientId: { $in: [...new Set(recipientIds)] } });
  }

  /** Invitations past their expiry, never accepted, whose waiting shares were not lapsed yet. */
  findExpired(now: Date, limit: number): Promise<SharingInvitation[]> {
    return this.view.find({ status: 'pending', expiresAt: { $lte: now.toISOString() }, lapsedAt: { $exists: false } }, { limit });
  }

  /** Accepted invitations whose waiting shares the job has not delivered yet (an organisation awaiting approval stays here). */
  findUndelivered(limit: number): Promise<SharingInvitation[]> {
    return this.view.find({ status: 'accepted', sharesDeliveredAt: { $exists: false } }, { limit });
  }

  async markDelivered(invitationId: string, at: string): Promise<void> {
    await this.view.updateOne({ _id: invitationId, status: 'accepted' }, { $set: { sharesDeliveredAt: at } });
  }

  /** The lapse job is done with it (a share attached later is lapsed as it arrives). */
  async markLapsed(invitationId: string, at: string): Promise<void> {
    await this.view.updateOne({ _id: invitationId, status: 'pending' }, { $set: { lapsedAt: at } });
  }
}
