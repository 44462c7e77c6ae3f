import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import type { ResultReadData, ResultSharedData, ShareEvent } from './share.events.js';
import { consentRequired, RESTRICTED_MESSAGE, ShareErrors, shareNotFound as notFound } from './share.errors.js';

export { CONSENT_MESSAGE, RESTRICTED_MESSAGE } from './share.errors.js';

export type ShareCommand =
  | {
      type: 'SendResult';
      /** The share as it would be recorded (consent and sharedAt stamped by the caller's clock). */
      data: ResultSharedData;
      /** The result's restrictions, e.g. `no-immigration`. */
      restrictions: readonly string[];
      consented: boolean;
    }
  | { type: 'ReadShare'; data: { organisationId: string; readAt: string; readBy: string } };

export type ShareState =
  | { status: 'none' }
  | { status: 'unread' | 'read'; share: ResultSharedData; readAt: string | null; readBy: string | null };

/**
 * One share per (result, recipient account): a repeat send changes nothing; a restricted result
 * never reaches an immigration authority; the first opening by the recipient's organisation
 * marks it read, later openings change nothing.
 */
export const shareDecider: Decider<ShareCommand, ShareEvent, ShareState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'SendResult': {
        if (!command.consented) throw consentRequired();
        if (state.status !== 'none') return [];
        if (command.restrictions.includes('no-immigration') && command.data.recipient.kind === 'immigration') {
          throw new DomainError('unprocessable', ShareErrors.RESTRICTED, RESTRICTED_MESSAGE);
        }
        return [{ type: 'ResultShared', data: command.data }];
      }
      case 'ReadShare': {
        // Another organisation's share is as good as unknown: its existence is not disclosed.
        if (state.status === 'none' || state.share.recipient.organisationId !== command.data.organisationId) throw notFound();
        if (state.status === 'read') return [];
        const { shareId, resultId, recipient } = state.share;
        const data: ResultReadData = {
          shareId,
          resultId,
          recipientId: recipient.recipientId,
          organisationId: recipient.organisationId,
          readAt: command.data.readAt,
          readBy: command.data.readBy,
        };
        return [{ type: 'ResultRead', data }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ResultShared':
        return { status: 'unread', share: event.data, readAt: null, readBy: null };
      case 'ResultRead':
        if (state.status === 'none') return state;
        return { ...state, status: 'read', readAt: event.data.readAt, readBy: event.data.readBy };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
