import { Inject, Injectable } from '@nestjs/common';
import type { StoredEvent, StoredOf } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersioned, type Evolve, type Projection } from '#libs/projections';
import { shareStream, type ShareEvent } from '../share/share.events.js';
import { SHARES_VIEW, type ShareView } from './shares.read-model.js';

export const evolveShareView: Evolve<ShareView, StoredOf<ShareEvent>> = (doc, e) => {
  switch (e.type) {
    case 'ResultShared': {
      const { resultId, candidateId, recipient, candidate, result, sharedAt } = e.data;
      return {
        resultId,
        idNumber: candidate.idNumber,
        candidateId,
        organisationId: recipient.organisationId,
        recipientId: recipient.recipientId,
        recipient: {
          recipientId: recipient.recipientId,
          organisationName: recipient.organisationName,
          department: recipient.department,
          kind: recipient.kind,
        },
        candidate: { name: candidate.name },
        qualification: result.qualification,
        cefrLevel: result.cefrLevel,
        sharedAt,
        status: 'unread',
        readAt: null,
      };
    }
    case 'ResultRead': {
      if (!doc) return null;
      const { _id: _ignored, _version: _v, ...rest } = doc;
      return { ...rest, status: 'read', readAt: e.data.readAt };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown share event ${JSON.stringify(unknown)}`);
    }
  }
};

/** The `shares` read model, fed by sharing's own events through the outbox; rebuildable from them. */
@Injectable()
export class SharesProjection implements Projection {
  readonly name = SHARES_VIEW;
  readonly view: DocumentCollection<ShareView>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<ShareView>(SHARES_VIEW);
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ idNumber: 1 });
    await this.view.ensureIndex({ organisationId: 1 });
  }

  async apply(event: StoredEvent): Promise<void> {
    if (!shareStream.owns(event)) return;
    await applyVersioned(this.view, event.streamId.slice(shareStream.prefix.length), event.version, event, evolveShareView);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
