import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import type {
  DeliveryChannel,
  LapseReason,
  RecipientSnapshot,
  ResultChanges,
  ResultReadData,
  ResultSharedData,
  SharePendingData,
  ShareEvent,
  ShareWithdrawnBy,
} from './share.events.js';
import {
  alreadyDeliveredElsewhere,
  consentRequired,
  notDeliveredYet,
  READ_ALREADY_MESSAGE,
  RESTRICTED_MESSAGE,
  resultWithdrawn,
  ShareErrors,
  shareNotFound as notFound,
} from './share.errors.js';

export { CONSENT_MESSAGE, READ_ALREADY_MESSAGE, RESTRICTED_MESSAGE, RESULT_WITHDRAWN_MESSAGE } from './share.errors.js';

type CurrentResult = ResultSharedData['result'];

export type ShareCommand =
  | {
      type: 'SendResult';
      /** The share as it would be recorded (consent and sharedAt stamped by the caller's clock). */
      data: ResultSharedData;
      /** The result's restrictions, e.g. `no-immigration`. */
      restrictions: readonly string[];
      consented: boolean;
    }
  | { type: 'ReadShare'; data: { organisationId: string; readAt: string; readBy: string } }
  | {
      /** The candidate sends a result to an organisation they invited, which has no account yet. */
      type: 'RequestShareToInvitation';
      data: SharePendingData;
      consented: boolean;
    }
  | {
      /** The invited organisation joined (and was approved): the pending share reaches its account. */
      type: 'DeliverPending';
      data: {
        recipient: RecipientSnapshot;
        sharedAt: string;
        /** The result as it is now (it may have been amended while the share waited); the requested one when absent. */
        result?: CurrentResult;
        /** The result's restrictions, checked against the organisation's kind now that it is known. */
        restrictions: readonly string[];
      };
    }
  | { type: 'LapsePending'; data: { lapsedAt: string } }
  | { type: 'WithdrawShare'; data: { candidateId: string; withdrawnAt: string } }
  | { type: 'WithdrawForResult'; data: { withdrawnAt: string; reason: string } }
  | { type: 'RecordDelivery'; data: { deliveredAt: string; channel: DeliveryChannel } }
  | { type: 'AmendShare'; data: { amendedAt: string; reason: string; changes: ResultChanges; result: CurrentResult } };

export interface ShareWithdrawal {
  at: string;
  by: ShareWithdrawnBy;
  reason: string | null;
}

export interface ShareAmendment {
  at: string;
  reason: string;
  changes: ResultChanges;
}

/** A share that reached a recipient account: unread, read, or withdrawn (it can be sent again). */
export interface DeliveredShareState {
  status: 'unread' | 'read' | 'withdrawn';
  /** As sent, with the result replaced by its current version after each amendment. */
  share: ResultSharedData;
  readAt: string | null;
  readBy: string | null;
  /** When the organisation's system first had it (webhook 2xx, or the feed served past it). */
  deliveredAt: string | null;
  withdrawal: ShareWithdrawal | null;
  amendments: ShareAmendment[];
  /** Set when it waited for an invited organisation first. */
  invitationId: string | null;
}

/** A share waiting for an invited organisation, or one that lapsed before it joined. */
export interface PendingShareState {
  status: 'pending' | 'lapsed';
  pending: SharePendingData;
  lapsedAt: string | null;
  lapseReason: LapseReason | null;
}

export type ShareState = { status: 'none' } | PendingShareState | DeliveredShareState;

const restricted = (restrictions: readonly string[], recipient: RecipientSnapshot) =>
  restrictions.includes('no-immigration') && recipient.kind === 'immigration';

const refs = (share: ResultSharedData) => ({
  shareId: share.shareId,
  resultId: share.resultId,
  recipientId: share.recipient.recipientId,
  organisationId: share.recipient.organisationId,
});

/**
 * One share per (result, recipient account).
 * - SendResult: a repeat send changes nothing; a withdrawn (by the candidate) or lapsed share is
 *   sent again; a pending one stays pending (it is delivered when the organisation joins); a
 *   result the exam centre withdrew is never sent again; a restricted result never reaches an
 *   immigration authority.
 * - ReadShare: the first opening by the recipient's organisation marks it read; later openings,
 *   and opening a withdrawn share, change nothing.
 * - RequestShareToInvitation / DeliverPending / LapsePending: a share to an invited organisation
 *   waits (pending), then is delivered under the same id, or lapses.
 * - WithdrawShare: only the share's own candidate, only before it is read (409 after).
 * - WithdrawForResult: the exam centre withdrew the result: delivered shares are withdrawn (even
 *   read ones); a pending one lapses (reason result-withdrawn), as it never reached anyone.
 * - RecordDelivery: once per share. AmendShare: once per amendment, to unread or read shares.
 */
export const shareDecider: Decider<ShareCommand, ShareEvent, ShareState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'SendResult': {
        if (!command.consented) throw consentRequired();
        if (state.status === 'withdrawn' && state.withdrawal?.by === 'exam-centre') throw resultWithdrawn();
        if (state.status !== 'none' && state.status !== 'withdrawn' && state.status !== 'lapsed') return [];
        if (restricted(command.restrictions, command.data.recipient)) {
          throw new DomainError('unprocessable', ShareErrors.RESTRICTED, RESTRICTED_MESSAGE);
        }
        return [{ type: 'ResultShared', data: command.data }];
      }
      case 'ReadShare': {
        // Another organisation's share is as good as unknown: its existence is not disclosed.
        if (!isDelivered(state) || state.share.recipient.organisationId !== command.data.organisationId) throw notFound();
        if (state.status !== 'unread') return [];
        const data: ResultReadData = { ...refs(state.share), readAt: command.data.readAt, readBy: command.data.readBy };
        return [{ type: 'ResultRead', data }];
      }
      case 'RequestShareToInvitation': {
        if (!command.consented) throw consentRequired();
        if (state.status === 'none' || state.status === 'lapsed') return [{ type: 'SharePending', data: command.data }];
        if (state.status === 'pending') return [];
        // Delivered already: the organisation has an account now, send it there.
        throw alreadyDeliveredElsewhere();
      }
      case 'DeliverPending': {
        if (state.status !== 'pending') return [];
        const { pending } = state;
        const { recipient, sharedAt, result, restrictions } = command.data;
        if (restricted(restrictions, recipient)) {
          return [{ type: 'ShareLapsed', data: { shareId: pending.shareId, invitationId: pending.invitationId, lapsedAt: sharedAt, reason: 'restricted' } }];
        }
        const data: ResultSharedData = {
          shareId: pending.shareId,
          resultId: pending.resultId,
          candidateId: pending.candidateId,
          recipient,
          candidate: pending.candidate,
          result: result ?? pending.result,
          consent: pending.consent,
          sharedAt,
        };
        return [{ type: 'ResultShared', data }];
      }
      case 'LapsePending': {
        if (state.status !== 'pending') return [];
        return [{ type: 'ShareLapsed', data: { shareId: state.pending.shareId, invitationId: state.pending.invitationId, lapsedAt: command.data.lapsedAt } }];
      }
      case 'WithdrawShare': {
        const candidateId = state.status === 'none' ? null : isDelivered(state) ? state.share.candidateId : state.pending.candidateId;
        // Another candidate's share is as good as unknown.
        if (candidateId !== command.data.candidateId) throw notFound();
        switch (state.status) {
          case 'none':
            throw notFound();
          case 'withdrawn':
            return [];
          case 'unread':
            return [{ type: 'ShareWithdrawn', data: { ...refs(state.share), withdrawnAt: command.data.withdrawnAt, by: 'candidate', reason: null } }];
          case 'read':
            throw new DomainError('conflict', ShareErrors.ALREADY_READ, READ_ALREADY_MESSAGE);
          case 'pending':
          case 'lapsed':
            throw notDeliveredYet();
          default: {
            const unknown: never = state;
            throw new Error(`unknown share state ${JSON.stringify(unknown)}`);
          }
        }
      }
      case 'WithdrawForResult': {
        const { withdrawnAt, reason } = command.data;
        if (state.status === 'pending') {
          return [{ type: 'ShareLapsed', data: { shareId: state.pending.shareId, invitationId: state.pending.invitationId, lapsedAt: withdrawnAt, reason: 'result-withdrawn' } }];
        }
        if (state.status !== 'unread' && state.status !== 'read') return [];
        return [{ type: 'ShareWithdrawn', data: { ...refs(state.share), withdrawnAt, by: 'exam-centre', reason } }];
      }
      case 'RecordDelivery': {
        if (!isDelivered(state) || state.deliveredAt !== null) return [];
        return [{ type: 'ShareDelivered', data: { ...refs(state.share), deliveredAt: command.data.deliveredAt, channel: command.data.channel } }];
      }
      case 'AmendShare': {
        if (state.status !== 'unread' && state.status !== 'read') return [];
        const { amendedAt, reason, changes, result } = command.data;
        // The same amendment consumed twice is recorded once.
        if (state.amendments.some((a) => a.at === amendedAt)) return [];
        return [{ type: 'ShareAmended', data: { ...refs(state.share), amendedAt, reason, changes, result } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ResultShared': {
        const before = isDelivered(state) ? state : null;
        return {
          status: 'unread',
          share: event.data,
          readAt: null,
          readBy: null,
          deliveredAt: before?.deliveredAt ?? null,
          withdrawal: null,
          amendments: before?.amendments ?? [],
          invitationId: state.status === 'pending' ? state.pending.invitationId : (before?.invitationId ?? null),
        };
      }
      case 'ResultRead':
        if (state.status !== 'unread') return state;
        return { ...state, status: 'read', readAt: event.data.readAt, readBy: event.data.readBy };
      case 'SharePending':
        return { status: 'pending', pending: event.data, lapsedAt: null, lapseReason: null };
      case 'ShareLapsed':
        if (state.status !== 'pending') return state;
        return { ...state, status: 'lapsed', lapsedAt: event.data.lapsedAt, lapseReason: event.data.reason ?? 'invitation-expired' };
      case 'ShareWithdrawn':
        if (!isDelivered(state)) return state;
        return { ...state, status: 'withdrawn', withdrawal: { at: event.data.withdrawnAt, by: event.data.by, reason: event.data.reason } };
      case 'ShareDelivered':
        if (!isDelivered(state)) return state;
        return { ...state, deliveredAt: event.data.deliveredAt };
      case 'ShareAmended': {
        if (!isDelivered(state)) return state;
        const { amendedAt: at, reason, changes, result } = event.data;
        return { ...state, share: { ...state.share, result }, amendments: [...state.amendments, { at, reason, changes }] };
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};

export function isDelivered(state: ShareState): state is DeliveredShareState {
  return state.status === 'unread' || state.status === 'read' || state.status === 'withdrawn';
}
