import type { MailMessage } from '#libs/mail';
import { mailHtml, mailText, type MailLanguage, type MailPart } from '#libs/platform';

export interface InvitationMailInput {
  to: string;
  organisationName: string;
  link: string;
  expiresAt: string;
  /** The inviting candidate's language: the organisation reads it first, English beside it. */
  language: MailLanguage;
}

const until = (expiresAt: string, language: MailLanguage): string =>
  `${new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(expiresAt))} UTC`;

const SUBJECT: Record<MailLanguage, string> = {
  en: 'A candidate would like to send you their exam results',
  ja: '受験者から試験結果の送付のご希望があります',
};

function part(language: MailLanguage, m: InvitationMailInput): MailPart {
  if (language === 'ja') {
    return {
      lang: 'ja',
      blocks: [
        'ご担当者様',
        `成績照会サービス（Results Service）の受験者が、${m.organisationName} に試験結果を送りたいと希望しています。${m.organisationName} はまだ機関の一覧に登録されていません。`,
        `機関のアカウントを作成するには、次のリンクを開いてください（${until(m.expiresAt, 'ja')} まで有効）。`,
        { link: m.link },
        'アカウントを作成すると、受験者は機関名で検索して試験結果を送ることができます。送られた結果は試験機関の記録から直接届く、信頼できるものです。',
        'このメールにお心当たりがない場合は、破棄してください。',
      ],
    };
  }
  return {
    lang: 'en',
    blocks: [
      'Hello,',
      `A candidate of the Results Service would like to send their exam results to ${m.organisationName}, which is not yet in our directory of organisations.`,
      `To create your organisation's account, open this link (valid until ${until(m.expiresAt, 'en')}):`,
      { link: m.link },
      'Once your account exists, candidates find you by name and send you their results, which you can trust as genuine.',
      'If you were not expecting this e-mail, you can ignore it.',
    ],
  };
}

/**
 * The invitation e-mail (the link carries the token, which exists nowhere else), plain text and
 * HTML: in the inviting candidate's language, with the English beside it when that is not English.
 */
export function invitationMail(m: InvitationMailInput): MailMessage & { html: string } {
  const languages: MailLanguage[] = m.language === 'en' ? ['en'] : [m.language, 'en'];
  const parts = languages.map((l) => part(l, m));
  const subject = languages.map((l) => SUBJECT[l]).join(' / ');
  return { to: m.to, kind: 'invitation', subject, text: mailText(parts), html: mailHtml(subject, parts) };
}
