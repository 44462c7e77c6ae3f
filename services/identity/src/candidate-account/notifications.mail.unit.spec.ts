import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '#libs/event-store';
import type { ResultAmendedNotification, ShareOpenedNotification } from './candidate-account.events.js';
import type { LinkKeys } from '#libs/mail';
import { identityMailComposer } from '../password-reset/password-reset.mail.js';
import { NOTIFICATION_MAIL_MAX_AGE_MS, notificationMail, resultAmendedMail, shareOpenedMail } from './notifications.mail.js';

const PUBLIC_URL = 'https://results.example/';
const opened: ShareOpenedNotification = {
  sourceEventId: 'ev-1',
  candidateId: 'c-1',
  email: 'hanako@example.com',
  language: 'en',
  resultId: 'r-1',
  qualification: 'Certificate in Advanced English',
  shareId: 's-1',
  organisationName: 'Kanto University',
  department: 'Faculty of Law',
  readAt: '2026-08-01T10:05:09.000Z',
};
const amended: ResultAmendedNotification = {
  sourceEventId: 'ev-2',
  candidateId: 'c-1',
  email: 'hanako@example.com',
  language: 'en',
  resultId: 'r-1',
  qualification: 'Certificate in Advanced English',
  amendedAt: '2026-08-02T09:00:00.000Z',
  reason: 'Re-mark <of> the Writing paper',
  changes: { overallScore: 176, grade: 'B', cefrLevel: 'C1', components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 180 }] },
  organisations: ['Kanto University (Faculty of Law)', 'Aurora Polytechnic'],
};
const stored = (type: string, data: object, streamId = 'candidate-C12345678'): StoredEvent =>
  ({ eventId: 'e', type, data, streamId, version: 3, occurredAt: '2026-08-01T10:05:09.000Z', metadata: {} }) as unknown as StoredEvent;

describe('the candidates’ notification e-mails', () => {
  it('share opened, in English: which organisation (and department) opened which result, when; links to Shared with and the settings; text and HTML', () => {
    const mail = shareOpenedMail(opened, PUBLIC_URL);
    assert.equal(mail.to, 'hanako@example.com');
    assert.equal(mail.kind, 'share-opened');
    assert.equal(mail.subject, 'Kanto University opened your result');
    assert.ok(mail.text.includes('Kanto University (Faculty of Law) opened the result you sent it (Certificate in Advanced English) on 2026-08-01 10:05 UTC.'), mail.text);
    assert.ok(mail.text.includes('https://results.example/shared'));
    assert.ok(mail.text.includes('https://results.example/settings'));
    assert.match(mail.html ?? '', /<html lang="en">[\s\S]*<a href="https:\/\/results.example\/shared">/);
  });

  it('share opened, in Japanese; an organisation identity never saw is named generically', () => {
    const mail = shareOpenedMail({ ...opened, language: 'ja', organisationName: null, department: null }, PUBLIC_URL);
    assert.equal(mail.subject, '送付先の機関があなたの成績を開きました');
    assert.ok(mail.text.includes('送付先の機関が、あなたが送った成績（Certificate in Advanced English）を 2026-08-01 10:05 UTC に開きました。'), mail.text);
    assert.doesNotMatch(mail.text, /opened/);
    assert.match(mail.html ?? '', /<html lang="ja">/);
    const named = shareOpenedMail({ ...opened, language: 'ja' }, PUBLIC_URL);
    assert.ok(named.text.startsWith('Kanto University（Faculty of Law）が、'));
    assert.equal(shareOpenedMail({ ...opened, department: null }, PUBLIC_URL).text.split('\n')[0], 'Kanto University opened the result you sent it (Certificate in Advanced English) on 2026-08-01 10:05 UTC.');
  });

  it('result amended, in English: the reason, the new values, who holds it; HTML escaped', () => {
    const mail = resultAmendedMail(amended, PUBLIC_URL);
    assert.equal(mail.subject, 'Your result was amended');
    assert.equal(mail.kind, 'result-amended');
    for (const line of [
      'The exam centre amended your result (Certificate in Advanced English) on 2026-08-02.',
      'Reason: Re-mark <of> the Writing paper',
      'Overall score: 176',
      'Grade: B',
      'Level: C1',
      'Scores by skill: Reading 170, Writing 180',
      'The organisations you shared it with (Kanto University (Faculty of Law), Aurora Polytechnic) now see the amended result.',
      'https://results.example/results',
    ]) {
      assert.ok(mail.text.includes(line), line);
    }
    assert.ok((mail.html ?? '').includes('Re-mark &lt;of&gt; the Writing paper'));
  });

  it('result amended, in Japanese, only the fields that changed', () => {
    const mail = resultAmendedMail({ ...amended, language: 'ja', changes: { overallScore: 176 }, organisations: ['Kanto University'] }, PUBLIC_URL);
    assert.equal(mail.subject, 'あなたの成績が訂正されました');
    assert.ok(mail.text.includes('試験センターが、あなたの成績（Certificate in Advanced English）を 2026-08-02 に訂正しました。'));
    assert.ok(mail.text.includes('総合スコア：176'));
    assert.doesNotMatch(mail.text, /グレード|技能別/);
    assert.ok(mail.text.includes('この成績を共有している機関（Kanto University）には、訂正後の成績が表示されます。'));
  });

  it('is asked for only by the candidate stream’s notification events', () => {
    assert.equal(notificationMail(stored('ShareOpenedNotificationRequested', opened), PUBLIC_URL)?.kind, 'share-opened');
    assert.equal(notificationMail(stored('ResultAmendedNotificationRequested', amended), PUBLIC_URL)?.kind, 'result-amended');
    assert.equal(notificationMail(stored('CandidateRegistered', {}), PUBLIC_URL), null);
    assert.equal(notificationMail(stored('ShareOpenedNotificationRequested', opened, 'user-x@example.com'), PUBLIC_URL), null);
  });

  it('is dropped, never sent, once it is older than a week (a replay after the sent job was pruned mails nothing again)', async () => {
    const event = stored('ShareOpenedNotificationRequested', opened);
    const at = Date.parse(event.occurredAt);
    const composeAt = (ms: number) => identityMailComposer({} as LinkKeys, PUBLIC_URL, () => new Date(ms))(event);
    assert.equal((await composeAt(at + 60_000))?.kind, 'share-opened');
    assert.equal((await composeAt(at + NOTIFICATION_MAIL_MAX_AGE_MS))?.kind, 'share-opened', 'a week late still goes');
    assert.equal(await composeAt(at + NOTIFICATION_MAIL_MAX_AGE_MS + 1), null);
    assert.equal(await composeAt(at + 31 * 24 * 3_600_000), null);
  });
});
