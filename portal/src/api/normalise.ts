// Presentation only: the answers' exact fields (libs/contracts/src/http), flattened for the organisation's screens.
import type { Inbox, OpenedShare } from '../../../libs/contracts/src/http/index.js';
import type { InboxItem, SharedResult } from './types';

export function toInboxItem(share: Inbox['items'][number]): InboxItem {
  const { candidate } = share;
  return {
    shareId: share.shareId,
    status: share.status,
    sharedAt: share.sharedAt,
    readAt: share.readAt,
    candidateName: candidate.name,
    idNumber: candidate.idNumber,
    dateOfBirth: candidate.dateOfBirth,
    qualification: share.qualification,
    cefrLevel: share.cefrLevel,
    recipientId: share.recipient.recipientId,
    department: share.recipient.department ?? '',
  };
}

export function toSharedResult(share: OpenedShare): SharedResult {
  return {
    shareId: share.shareId,
    status: share.status,
    sharedAt: share.sharedAt,
    readAt: share.readAt,
    department: share.recipient.department ?? '',
    organisationName: share.recipient.organisationName,
    candidate: share.candidate,
    result: share.result,
  };
}

/** Unread first, then newest first. */
export function sortInbox(items: InboxItem[]): InboxItem[] {
  return [...items].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'unread' ? -1 : 1) || b.sharedAt.localeCompare(a.sharedAt),
  );
}
