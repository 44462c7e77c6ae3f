import { Inject, Injectable } from '@nestjs/common';
import type { StoredEvent, StoredOf } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type Projection, type VersionedDoc } from '#libs/projections';
import { invitationStream, type InvitationEvent } from '../invitation/invitation.events.js';

/** The current invitation of one domain (`_id` = domain), found by the hash of its link's token. */
export interface InvitationView extends VersionedDoc {
  invitationId: string;
  tokenHash: string;
  status: 'pending' | 'accepted';
  expiresAt: string;
}

export const INVITATIONS_VIEW = 'invitations_view';

export const evolveInvitationView: Evolve<InvitationView, StoredOf<InvitationEvent>> = (doc, e) => {
  switch (e.type) {
    case 'InstitutionInvited':
      return { invitationId: e.data.invitationId, tokenHash: e.data.tokenHash, status: 'pending', expiresAt: e.data.expiresAt };
    case 'InvitationMailFailed':
      return null;
    case 'InvitationAccepted':
      return doc ? { invitationId: doc.invitationId, tokenHash: doc.tokenHash, expiresAt: doc.expiresAt, status: 'accepted' } : null;
    default: {
      const unknown: never = e;
      throw new Error(`unknown invitation event ${JSON.stringify(unknown)}`);
    }
  }
};

@Injectable()
export class InvitationsProjection implements Projection {
  readonly name = INVITATIONS_VIEW;
  readonly view: DocumentCollection<InvitationView>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<InvitationView>(INVITATIONS_VIEW);
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ tokenHash: 1 }, { unique: true });
  }

  async apply(event: StoredEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const changes = events
      .filter(invitationStream.owns)
      .map((e) => ({ id: e.streamId.slice(invitationStream.prefix.length), version: e.version, event: e }));
    await applyVersionedBatch(this.view, changes, evolveInvitationView);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
