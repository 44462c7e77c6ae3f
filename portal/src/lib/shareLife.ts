// A share's whole life as the screens word it: the timeline, a withdrawal, an amendment's changes.
// Pure functions over the contracts' shapes and a translator, so they are unit-tested without a page.
import type {
  ResultAmendment,
  ShareStatus,
  ShareTimelineEntry,
  ShareWithdrawal,
} from '../../../libs/contracts/src/http/index.js';
import type { Locale, MessageKey, Translate } from '../i18n/catalogues';
import { formatDateTime, formatNumber } from '../i18n/format';

export interface Wording {
  t: Translate;
  locale: Locale;
}

/** Who reads the timeline: the candidate's system is "the organisation's", the organisation's is "yours". */
export type Perspective = 'candidate' | 'organisation';

/** A step the screens show: the API's events, and "asked to send" for a share still waiting for an invited organisation. */
export type TimelineEvent = ShareTimelineEntry['event'] | 'requested';

export interface TimelineStep {
  event: TimelineEvent;
  at: string;
  label: string;
  /** The time in the portal's language. */
  when: string;
}

export function timelineKey(event: TimelineEvent, perspective: Perspective): MessageKey {
  switch (event) {
    case 'requested':
      return 'timeline.requested';
    case 'sent':
      return perspective === 'candidate' ? 'timeline.sent' : 'timeline.received';
    case 'delivered':
      return perspective === 'candidate' ? 'timeline.delivered' : 'timeline.deliveredToYou';
    case 'read':
      return 'timeline.read';
    case 'withdrawn':
      return 'timeline.withdrawn';
    case 'amended':
      return 'timeline.amended';
    case 'lapsed':
      return 'timeline.lapsed';
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(['sent', 'delivered', 'read', 'withdrawn', 'amended', 'lapsed']);

/**
 * The steps to show, oldest first (the API gives them so; sorted again, stable, in case). A share
 * that waits or waited for an invited organisation starts with "asked to send" at `sharedAt`, as
 * nothing was sent yet. Events the portal does not know yet are left out rather than shown raw.
 */
export function timelineSteps(
  share: { status: ShareStatus; sharedAt: string; timeline?: ShareTimelineEntry[] | undefined },
  perspective: Perspective,
  w: Wording,
): TimelineStep[] {
  const entries: { event: TimelineEvent; at: string }[] = (share.timeline ?? []).filter((e) => KNOWN_EVENTS.has(e.event));
  const waited = share.status === 'pending' || share.status === 'lapsed';
  if (waited && !entries.some((e) => e.event === 'sent')) entries.unshift({ event: 'requested', at: share.sharedAt });
  return entries
    .map((e, i) => ({ ...e, i, time: Date.parse(e.at) }))
    .sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) ? 0 : a.time - b.time) || a.i - b.i)
    .map((e) => ({ event: e.event, at: e.at, label: w.t(timelineKey(e.event, perspective)), when: formatDateTime(w.locale, e.at) }));
}

/** "Withdrawn by the candidate" / "Withdrawn by the exam centre (reason)". */
export function withdrawalText(withdrawal: ShareWithdrawal, w: Wording): string {
  switch (withdrawal.by) {
    case 'candidate':
      return w.t('withdrawal.byCandidate');
    case 'exam-centre': {
      const reason = withdrawal.reason?.trim();
      return reason ? w.t('withdrawal.byExamCentreReason', { reason }) : w.t('withdrawal.byExamCentre');
    }
    default: {
      const unknown: never = withdrawal.by;
      return unknown;
    }
  }
}

/** "Amended on 2 December 2026, 10:00 (re-marked)", the reason left out when there is none. */
export function amendedText(at: string, reason: string | null | undefined, w: Wording): string {
  const date = formatDateTime(w.locale, at);
  const why = reason?.trim();
  return why ? w.t('amended.onReason', { date, reason: why }) : w.t('amended.on', { date });
}

/** An amendment's changed fields with their new values: "Overall score: 172 · Grade: A · Reading: 175". */
export function changesText(changes: ResultAmendment['changes'], w: Wording, skillName: (skill: string) => string = (s) => s): string {
  const parts: string[] = [];
  if (changes.overallScore !== undefined)
    parts.push(w.t('amended.change', { field: w.t('results.overall'), value: formatNumber(w.locale, changes.overallScore) }));
  if (changes.grade !== undefined) parts.push(w.t('amended.change', { field: w.t('results.grade'), value: changes.grade }));
  if (changes.cefrLevel !== undefined) parts.push(w.t('amended.change', { field: w.t('results.cefr'), value: changes.cefrLevel }));
  for (const c of changes.components ?? [])
    parts.push(w.t('amended.change', { field: skillName(c.skill), value: formatNumber(w.locale, c.score) }));
  return parts.join(w.t('amended.separator'));
}

/** Only an unread share can be withdrawn by the candidate (once read, the API answers 409). */
export const canWithdraw = (share: { status: ShareStatus }): boolean => share.status === 'unread';

/** The catalogue entry of a share's status as the candidate sees it; a pending one names the organisation it waits for. */
export function statusKey(status: ShareStatus, hasOrganisation: boolean): MessageKey {
  switch (status) {
    case 'pending':
      return hasOrganisation ? 'status.pendingFor' : 'status.pending';
    case 'unread':
      return 'status.unread';
    case 'read':
      return 'status.read';
    case 'withdrawn':
      return 'status.withdrawn';
    case 'lapsed':
      return 'status.lapsed';
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

/**
 * The list as it should show: a share the candidate has just withdrawn keeps the withdrawal's answer
 * until the list (a projection, caught up within a second) says so itself.
 */
export function withLocalWithdrawals<T extends { shareId: string; status: ShareStatus }>(items: T[], withdrawn: ReadonlyMap<string, T>): T[] {
  return items.map((item) => {
    const local = withdrawn.get(item.shareId);
    return local && item.status === 'unread' ? local : item;
  });
}
