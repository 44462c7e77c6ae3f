// Presentation only: the answers' exact fields (libs/contracts/src/http), flattened for the organisation's screens.
import type { Inbox, MyShare, OpenedShare } from '../../../libs/contracts/src/http/index.js';
import type { CandidateShare, InboxItem, SharedResult } from './types';

/** A share in "Shared with": department empty rather than null; the life's fields always there. */
export function toCandidateShare(share: MyShare): CandidateShare {
  return {
    ...share,
    recipient: { ...share.recipient, department: share.recipient.department ?? '' },
    amendedAt: share.amendedAt ?? null,
    timeline: share.timeline ?? [],
  };
}

export function toInboxItem(share: Inbox['items'][number]): InboxItem {
  const { candidate } = share;
  return {
    shareId: share.shareId,
    status: share.status,
    sharedAt: share.sharedAt,
    readAt: share.readAt,
    candidateName: candidate?.name ?? '',
    idNumber: candidate?.idNumber ?? '',
    dateOfBirth: candidate?.dateOfBirth ?? '',
    qualification: share.qualification ?? '',
    cefrLevel: share.cefrLevel ?? '',
    recipientId: share.recipient.recipientId,
    department: share.recipient.department ?? '',
    amendedAt: share.amendedAt ?? null,
    withdrawal: share.withdrawal ?? null,
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
    candidate: share.candidate ?? null,
    result: share.result ?? null,
    amendments: share.amendments ?? [],
    withdrawal: share.withdrawal ?? null,
    timeline: share.timeline ?? [],
  };
}

/** Unread first, then newest first. */
export function sortInbox(items: InboxItem[]): InboxItem[] {
  return [...items].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'unread' ? -1 : 1) || b.sharedAt.localeCompare(a.sharedAt),
  );
}
