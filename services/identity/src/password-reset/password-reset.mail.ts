import type { StoredEvent } from '#libs/event-store';
import type { LinkKeys, MailComposer, MailMessage } from '#libs/mail';
import { mailHtml, mailText, type MailLanguage, type MailPart } from '#libs/platform';
import { RESET_TOKEN_MINUTES } from '../security/reset-tokens.js';
import { NOTIFICATION_MAIL_MAX_AGE_MS, notificationMail } from '../candidate-account/notifications.mail.js';
import { isPasswordResetRequested, RESET_LINK_PURPOSE } from './password-reset.events.js';

const SUBJECT: Record<MailLanguage, string> = {
  en: 'Reset your Results Service password',
  ja: '成績照会サービスのパスワード再設定',
};

function part(language: MailLanguage, link: string): MailPart {
  return language === 'ja'
    ? {
        lang: 'ja',
        blocks: [
          '成績照会サービス（Results Service）のアカウントについて、新しいパスワードの設定が申請されました。',
          `${RESET_TOKEN_MINUTES}分以内に次のリンクを開いて、パスワードを設定してください。`,
          { link },
          'リンクは一度だけ使えます。お心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。',
        ],
      }
    : {
        lang: 'en',
        blocks: [
          'Someone (we hope you) asked to set a new password for your Results Service account.',
          `Open this link within ${RESET_TOKEN_MINUTES} minutes to choose your password:`,
          { link },
          'The link works once. If you did not ask for this, ignore this e-mail: nothing changes.',
        ],
      };
}

/** The reset e-mail for a link, in the language the portal was in when it was asked for, text and HTML. */
export function passwordResetMail(to: string, link: string, language: MailLanguage = 'en'): Omit<MailMessage, 'messageId'> {
  const parts = [part(language, link)];
  const subject = SUBJECT[language];
  return { to, subject, kind: 'password-reset', text: mailText(parts), html: mailHtml(subject, parts) };
}

/**
 * identity's mail: a reset e-mail for each PasswordResetRequested whose link has not expired, and
 * the candidates' opt-in notifications (notifications.mail.ts).
 */
export function identityMailComposer(links: LinkKeys, publicUrl: string, now: () => Date): MailComposer {
  return async (event: StoredEvent) => {
    if (!isPasswordResetRequested(event)) {
      if (now().getTime() - Date.parse(event.occurredAt) > NOTIFICATION_MAIL_MAX_AGE_MS) return null; // old news: never mailed late
      return notificationMail(event, publicUrl);
    }
    const { requestId, email, expiresAt, language = 'en' } = event.data;
    if (Date.parse(expiresAt) <= now().getTime()) return null; // the mail server was down all along
    const token = await links.tokenFor(RESET_LINK_PURPOSE, requestId);
    return passwordResetMail(email, `${publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`, language);
  };
}
