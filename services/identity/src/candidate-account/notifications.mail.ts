import type { StoredEvent } from '#libs/event-store';
import type { MailMessage } from '#libs/mail';
import { mailHtml, mailText, type MailLanguage, type MailPart } from '#libs/platform';
import {
  candidateStream,
  RESULT_AMENDED_NOTIFICATION_REQUESTED,
  SHARE_OPENED_NOTIFICATION_REQUESTED,
  type ResultAmendedNotification,
  type ShareOpenedNotification,
} from './candidate-account.events.js';

type Mail = Omit<MailMessage, 'messageId'>;

/** `2026-08-01 10:00 UTC`: a time as the e-mails print it (the reader's zone is not known). */
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const day = (iso: string): string => iso.slice(0, 10);
const base = (publicUrl: string): string => publicUrl.replace(/\/+$/, '');

const FIELD: Record<MailLanguage, Record<'overallScore' | 'grade' | 'cefrLevel' | 'components', string>> = {
  en: { overallScore: 'Overall score', grade: 'Grade', cefrLevel: 'Level', components: 'Scores by skill' },
  ja: { overallScore: '総合スコア', grade: 'グレード', cefrLevel: 'レベル', components: '技能別スコア' },
};

/** "Kanto University (Faculty of Law)", or the generic words when identity never saw the share. */
function organisationOf(n: ShareOpenedNotification, language: MailLanguage): string {
  if (!n.organisationName) return language === 'ja' ? '送付先の機関' : 'The organisation';
  if (!n.department) return n.organisationName;
  return language === 'ja' ? `${n.organisationName}（${n.department}）` : `${n.organisationName} (${n.department})`;
}

function settingsBlock(language: MailLanguage, publicUrl: string): MailPart['blocks'] {
  return language === 'ja'
    ? ['このメールは、メール通知の設定でお申し込みいただいたため送信しています。停止するには、設定を変更してください：', { link: `${base(publicUrl)}/settings` }]
    : ['You get this e-mail because you asked for it in your e-mail settings. To stop it, change them here:', { link: `${base(publicUrl)}/settings` }];
}

/** The e-mail a candidate asked for when an organisation opens a result they sent it. */
export function shareOpenedMail(n: ShareOpenedNotification, publicUrl: string): Mail {
  const language = n.language;
  const who = organisationOf(n, language);
  const what = n.qualification ?? (language === 'ja' ? '成績' : 'your result');
  const part: MailPart =
    language === 'ja'
      ? {
          lang: 'ja',
          blocks: [
            `${who}が、あなたが送った成績（${what}）を ${when(n.readAt)} に開きました。`,
            '送った成績と送付先は「共有先」で確認できます：',
            { link: `${base(publicUrl)}/shared` },
            ...settingsBlock(language, publicUrl),
          ],
        }
      : {
          lang: 'en',
          blocks: [
            `${who} opened the result you sent it (${what}) on ${when(n.readAt)}.`,
            'See every result you have sent, and to whom, under "Shared with":',
            { link: `${base(publicUrl)}/shared` },
            ...settingsBlock(language, publicUrl),
          ],
        };
  const subject =
    language === 'ja'
      ? `${n.organisationName ?? '送付先の機関'}があなたの成績を開きました`
      : `${n.organisationName ?? 'An organisation'} opened your result`;
  return { to: n.email, subject, kind: 'share-opened', text: mailText([part]), html: mailHtml(subject, [part]) };
}

function changeLines(n: ResultAmendedNotification, language: MailLanguage): string {
  const lines: string[] = [];
  const { overallScore, grade, cefrLevel, components } = n.changes;
  const sep = language === 'ja' ? '：' : ': ';
  if (overallScore !== undefined) lines.push(`${FIELD[language].overallScore}${sep}${overallScore}`);
  if (grade !== undefined) lines.push(`${FIELD[language].grade}${sep}${grade}`);
  if (cefrLevel !== undefined) lines.push(`${FIELD[language].cefrLevel}${sep}${cefrLevel}`);
  if (components !== undefined) lines.push(`${FIELD[language].components}${sep}${components.map((c) => `${c.skill} ${c.score}`).join(', ')}`);
  return lines.join('\n');
}

/** The e-mail a candidate asked for when the exam centre amends a result they have shared. */
export function resultAmendedMail(n: ResultAmendedNotification, publicUrl: string): Mail {
  const language = n.language;
  const what = n.qualification ?? (language === 'ja' ? 'あなたの成績' : 'your result');
  const holders = n.organisations.join(language === 'ja' ? '、' : ', ');
  const part: MailPart =
    language === 'ja'
      ? {
          lang: 'ja',
          blocks: [
            `試験センターが、あなたの成績（${what}）を ${day(n.amendedAt)} に訂正しました。`,
            `理由：${n.reason}`,
            `新しい値：\n${changeLines(n, language)}`,
            `この成績を共有している機関（${holders}）には、訂正後の成績が表示されます。`,
            '現在の成績は次のページで確認できます：',
            { link: `${base(publicUrl)}/results` },
            ...settingsBlock(language, publicUrl),
          ],
        }
      : {
          lang: 'en',
          blocks: [
            `The exam centre amended your result (${what}) on ${day(n.amendedAt)}.`,
            `Reason: ${n.reason}`,
            `New values:\n${changeLines(n, language)}`,
            `The organisations you shared it with (${holders}) now see the amended result.`,
            'See your result as it now is:',
            { link: `${base(publicUrl)}/results` },
            ...settingsBlock(language, publicUrl),
          ],
        };
  const subject = language === 'ja' ? 'あなたの成績が訂正されました' : 'Your result was amended';
  return { to: n.email, subject, kind: 'result-amended', text: mailText([part]), html: mailHtml(subject, [part]) };
}

/** The candidate-stream events that ask for an e-mail. */
export const NOTIFICATION_MAIL_TYPES = [SHARE_OPENED_NOTIFICATION_REQUESTED, RESULT_AMENDED_NOTIFICATION_REQUESTED] as const;

/** The notification e-mail a stored event asks for, or null when it asks for none. */
/**
 * How long a notification stays news: older, it is dropped, never sent. The mail worker keeps sent
 * jobs 30 days; a replay of an older event (a rebuild, a long outage) must not mail it again.
 */
export const NOTIFICATION_MAIL_MAX_AGE_MS = 7 * 24 * 3_600_000;

export function notificationMail(event: StoredEvent, publicUrl: string): Mail | null {
  if (!candidateStream.owns(event)) return null;
  switch (event.type) {
    case SHARE_OPENED_NOTIFICATION_REQUESTED:
      return shareOpenedMail(event.data, publicUrl);
    case RESULT_AMENDED_NOTIFICATION_REQUESTED:
      return resultAmendedMail(event.data, publicUrl);
    default:
      return null;
  }
}
