import { describe, expect, it } from 'vitest';
import { catalogues, translate, type Locale, type MessageKey } from '../i18n/catalogues';
import { formatDateTime } from '../i18n/format';
import { ApiError } from '../api/errors';
import { describeError } from './messages';
import {
  amendedText,
  canWithdraw,
  changesText,
  statusKey,
  timelineKey,
  timelineSteps,
  withLocalWithdrawals,
  withdrawalText,
  type TimelineEvent,
} from './shareLife';

const w = (locale: Locale) => ({
  locale,
  t: (key: MessageKey, p?: Record<string, string | number>) => translate(locale, key, p),
});

const EVENTS: TimelineEvent[] = ['requested', 'sent', 'delivered', 'read', 'withdrawn', 'amended', 'lapsed'];

describe('the delivery timeline', () => {
  it('lists the steps oldest first, each with its time in the portal\'s language', () => {
    const share = {
      status: 'read' as const,
      sharedAt: '2026-12-01T09:00:00Z',
      timeline: [
        { event: 'read' as const, at: '2026-12-01T11:30:00Z' },
        { event: 'sent' as const, at: '2026-12-01T09:00:00Z' },
        { event: 'delivered' as const, at: '2026-12-01T09:00:02Z' },
      ],
    };
    const en = timelineSteps(share, 'candidate', w('en'));
    expect(en.map((s) => s.event)).toEqual(['sent', 'delivered', 'read']);
    expect(en.map((s) => s.label)).toEqual(['Sent', "Delivered to the organisation's system", 'Opened']);
    expect(en[0]?.when).toBe(formatDateTime('en', '2026-12-01T09:00:00Z'));
    const ja = timelineSteps(share, 'candidate', w('ja'));
    expect(ja.map((s) => s.label)).toEqual(['送信', '機関のシステムに配信', '開封']);
    expect(ja[2]?.when).toMatch(/2026\/12\/0?1/);
  });

  it('keeps the API\'s order for steps at the same moment, and words delivery for the organisation as theirs', () => {
    const at = '2026-12-01T09:00:00Z';
    const steps = timelineSteps(
      { status: 'withdrawn', sharedAt: at, timeline: [{ event: 'sent', at }, { event: 'withdrawn', at }] },
      'organisation',
      w('en'),
    );
    expect(steps.map((s) => s.event)).toEqual(['sent', 'withdrawn']);
    expect(steps[0]?.label).toBe('Received');
    expect(timelineSteps({ status: 'unread', sharedAt: at, timeline: [{ event: 'delivered', at }] }, 'organisation', w('en'))[0]?.label).toBe(
      "Delivered to your organisation's system",
    );
  });

  it('starts a share waiting for an invited organisation with "asked to send", and one that lapsed ends so', () => {
    const steps = timelineSteps(
      { status: 'lapsed', sharedAt: '2026-11-01T08:00:00Z', timeline: [{ event: 'lapsed', at: '2026-11-15T08:00:00Z' }] },
      'candidate',
      w('en'),
    );
    expect(steps.map((s) => s.event)).toEqual(['requested', 'lapsed']);
    expect(steps[1]?.label).toBe('Not delivered: the invitation expired');
    expect(timelineSteps({ status: 'pending', sharedAt: '2026-11-01T08:00:00Z', timeline: [] }, 'candidate', w('ja'))[0]?.label).toBe(
      '機関の登録後に送信するよう依頼',
    );
  });

  it('leaves out an event the portal does not know rather than showing it raw, and copes with no timeline', () => {
    const steps = timelineSteps(
      {
        status: 'unread',
        sharedAt: 'x',
        timeline: [{ event: 'teleported' as never, at: '2026-12-01T09:00:00Z' }, { event: 'sent', at: '2026-12-01T09:00:00Z' }],
      },
      'candidate',
      w('en'),
    );
    expect(steps.map((s) => s.event)).toEqual(['sent']);
    expect(timelineSteps({ status: 'unread', sharedAt: 'x' }, 'candidate', w('en'))).toEqual([]);
  });

  it('has a catalogue entry in both languages for every step from either side', () => {
    for (const event of EVENTS)
      for (const perspective of ['candidate', 'organisation'] as const) {
        const key = timelineKey(event, perspective);
        expect(catalogues.en[key], key).toBeTruthy();
        expect(catalogues.ja[key], key).toBeTruthy();
      }
  });
});

describe('withdrawal and amendment wording', () => {
  it('says who withdrew a share, with the exam centre\'s reason when it gave one', () => {
    expect(withdrawalText({ at: 'x', by: 'candidate', reason: null }, w('en'))).toBe('Withdrawn by the candidate');
    expect(withdrawalText({ at: 'x', by: 'exam-centre', reason: 'Malpractice found' }, w('en'))).toBe(
      'Withdrawn by the exam centre (Malpractice found)',
    );
    expect(withdrawalText({ at: 'x', by: 'exam-centre', reason: '  ' }, w('en'))).toBe('Withdrawn by the exam centre');
    expect(withdrawalText({ at: 'x', by: 'exam-centre', reason: '不正行為' }, w('ja'))).toBe('試験センターにより取り消されました（不正行為）');
  });

  it('says when a result was amended, and why when known', () => {
    const at = '2026-12-02T10:00:00Z';
    expect(amendedText(at, 'Re-marked', w('en'))).toBe(`Amended on ${formatDateTime('en', at)} (Re-marked)`);
    expect(amendedText(at, null, w('ja'))).toBe(`${formatDateTime('ja', at)} に訂正`);
  });

  it('lists an amendment\'s new values, numbers for the locale and skills by the given names', () => {
    const changes = { overallScore: 1172, grade: 'A', components: [{ skill: 'Reading', score: 180 }] };
    expect(changesText(changes, w('en'))).toBe('Overall score: 1,172 · Grade: A · Reading: 180');
    expect(changesText(changes, w('ja'), (s) => (s === 'Reading' ? 'リーディング' : s))).toBe(
      '総合スコア：1,172、グレード：A、リーディング：180',
    );
    expect(changesText({}, w('en'))).toBe('');
  });
});

describe('what a candidate can do with a share', () => {
  it('withdraws only an unread one', () => {
    expect((['pending', 'unread', 'read', 'withdrawn', 'lapsed'] as const).filter((status) => canWithdraw({ status }))).toEqual(['unread']);
  });

  it('names the organisation a pending share waits for, and words every status in both languages', () => {
    expect(translate('en', statusKey('pending', true), { organisation: 'Quillmere College' })).toBe(
      'Waiting for Quillmere College to join',
    );
    expect(translate('ja', statusKey('pending', true), { organisation: 'Quillmere College' })).toBe('Quillmere College の登録待ち');
    for (const status of ['pending', 'unread', 'read', 'withdrawn', 'lapsed'] as const) {
      expect(catalogues.ja[statusKey(status, false)]).toBeTruthy();
    }
  });

  it('shows a share withdrawn here as withdrawn until the list catches up, then the list\'s own', () => {
    const local = { shareId: 'a', status: 'withdrawn' as const };
    const stale = [{ shareId: 'a', status: 'unread' as const }, { shareId: 'b', status: 'unread' as const }];
    expect(withLocalWithdrawals<{ shareId: string; status: 'unread' | 'withdrawn' | 'read' }>(stale, new Map([['a', local]]))).toEqual([
      local,
      { shareId: 'b', status: 'unread' },
    ]);
    const caughtUp = [{ shareId: 'a', status: 'read' as const }];
    expect(withLocalWithdrawals<{ shareId: string; status: 'unread' | 'withdrawn' | 'read' }>(caughtUp, new Map([['a', local]]))).toEqual(caughtUp);
  });

  it('a refused withdrawal (409: read first) is worded by the catalogue, never the API\'s text', () => {
    for (const locale of ['en', 'ja'] as const) {
      const ctx = w(locale);
      const coded = describeError(new ApiError(409, 'Conflict', ['This result has already been opened'], 'SHARE.ALREADY_READ'), ctx, [], {
        409: 'shared.withdraw.alreadyRead',
      });
      expect(coded.form).toEqual([{ text: translate(locale, 'errors.code.SHARE.ALREADY_READ') }]);
      const bare = describeError(new ApiError(409, 'Conflict', ['Some English text']), ctx, [], { 409: 'shared.withdraw.alreadyRead' });
      expect(bare.form).toEqual([{ text: translate(locale, 'shared.withdraw.alreadyRead') }]);
      expect(JSON.stringify([coded, bare])).not.toContain('English');
    }
  });
});
