import type { StatementLanguage } from '#libs/contracts';

/** A label in English, and in Japanese for the Japanese layout (where the English stands beside it). */
interface Label {
  en: string;
  ja: string;
}

/** Every text of the statement other than the result's own (the portal's words where it has them). */
export const STATEMENT_LABELS = {
  title: { en: 'Statement of Results', ja: '成績証明書' },
  issued: {
    en: 'This statement is issued by the Results Service on behalf of the exam board.',
    ja: 'この証明書は、試験機関に代わって Results Service が発行するものです。',
  },
  candidate: { en: 'Candidate', ja: '受験者氏名' },
  dateOfBirth: { en: 'Date of birth', ja: '生年月日' },
  idNumber: { en: 'ID Number', ja: 'ID番号' },
  qualification: { en: 'Qualification', ja: '資格' },
  result: { en: 'Result', ja: '結果' },
  overallScore: { en: 'Overall score', ja: '総合スコア' },
  grade: { en: 'Grade', ja: 'グレード' },
  examDate: { en: 'Exam date', ja: '試験日' },
  skills: { en: 'Scores by skill', ja: '技能別スコア' },
  code: { en: 'Verification code', ja: '確認コード' },
  amended: { en: 'Amended on', ja: '訂正日' },
  check: {
    en: 'Anyone can check that this statement is genuine and current at the address below, or by scanning the QR code, with the verification code and the candidate’s date of birth:',
    ja: '下記のアドレスまたは QR コードから、確認コードと受験者の生年月日を入力すると、この証明書が本物で有効なものかを確認できます。',
  },
} as const satisfies Record<string, Label>;

export type LabelName = keyof typeof STATEMENT_LABELS;

/** The skills the guide names, in Japanese (others are printed as published). */
export const SKILLS_JA: Readonly<Record<string, string>> = {
  reading: 'リーディング',
  writing: 'ライティング',
  listening: 'リスニング',
  speaking: 'スピーキング',
  'use of english': '英語の運用',
};

/** The lines a label prints as: the English alone, or the Japanese with the English beside it. */
export const labelLines = (name: LabelName, language: StatementLanguage): { main: string; english?: string } =>
  language === 'ja' ? { main: STATEMENT_LABELS[name].ja, english: STATEMENT_LABELS[name].en } : { main: STATEMENT_LABELS[name].en };

/** The note of the last amendment (the statement prints the current version): "Amended on <date>: <reason>", in Japanese with the English words beside them. */
export const amendmentNote = (at: string, reason: string, language: StatementLanguage): string =>
  language === 'ja'
    ? `${STATEMENT_LABELS.amended.ja}（${STATEMENT_LABELS.amended.en}） ${at.slice(0, 10)}：${reason}`
    : `${STATEMENT_LABELS.amended.en} ${at.slice(0, 10)}: ${reason}`;
