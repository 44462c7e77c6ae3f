import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { cefrWording, type StatementLanguage } from '#libs/contracts';
import type { ResultView } from '../../projections/results.read-model.js';
import { statementFonts, textRuns, type FontName } from './statement-fonts.js';
import { amendmentNote, labelLines, SKILLS_JA, STATEMENT_LABELS, type LabelName } from './statement.labels.js';

export interface StatementOptions {
  /** Where the statement's link and QR code point: the portal's verify page with the code filled in. */
  verifyUrl: string;
  /** `ja`: labels in Japanese with the English beside them. */
  language: StatementLanguage;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const LABEL_WIDTH = 150;
const VALUE_X = PAGE.margin + LABEL_WIDTH;
const QR = { size: 108, x: PAGE.width - PAGE.margin - 108, y: 44 };
const GREY = '#555555';
const CJK_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The QR code of the verify link, as the PNG the PDF embeds (4 pixels a module, quiet zone included: crisp at the printed size, cheap to make). */
export const qrPng = (url: string): Promise<Buffer> => QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 });

/** Draws text in the fonts its scripts need, on a baseline, shrunk to fit `maxWidth` (down to 7 pt). */
class StatementWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {
    // pdfkit takes an already parsed fontkit font (its typings know only files and buffers): parsed once per process.
    for (const [name, font] of Object.entries(statementFonts())) doc.registerFont(name, font as never);
  }

  width(text: string, size: number, base: FontName = 'latin'): number {
    return textRuns(text, base).reduce((sum, run) => sum + this.doc.font(run.font).fontSize(size).widthOfString(run.text, runOptions(run.rtl)), 0);
  }

  /** One line at baseline `y`; answers its width. */
  line(text: string, x: number, y: number, style: { size: number; color?: string; base?: FontName; maxWidth?: number; link?: string }): number {
    let size = style.size;
    while (style.maxWidth && size > 7 && this.width(text, size, style.base) > style.maxWidth) size -= 0.5;
    let cx = x;
    for (const run of textRuns(text, style.base)) {
      const options = { ...runOptions(run.rtl), lineBreak: false, baseline: 'alphabetic' as const };
      this.doc.font(run.font).fontSize(size).fillColor(style.color ?? '#000000').text(run.text, cx, y, options);
      cx += this.doc.widthOfString(run.text, options);
    }
    if (style.link) this.doc.link(x, y - size, cx - x, size * 1.3, style.link);
    return cx - x;
  }

  /** A paragraph in one font, wrapped to `width`, its first baseline at `y`; answers the baseline after it. */
  paragraph(text: string, y: number, style: { font: FontName; size: number; color?: string; width?: number }): number {
    const width = style.width ?? CONTENT_WIDTH;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color ?? GREY);
    const height = this.doc.heightOfString(text, { width, lineGap: 2 });
    this.doc.text(text, PAGE.margin, y, { width, lineGap: 2, baseline: 'alphabetic' });
    return y + height + style.size * 0.6;
  }
}

// Right-to-left text is laid out whole by fontkit (shaped, then ordered right to left): pdfkit's
// word-by-word layout, used when no features are given, would put the words left to right.
const runOptions = (rtl: boolean): PDFKit.Mixins.TextOptions => (rtl ? { features: [] } : {});

/** Renders the Statement of Results: every field of the result, the code and the link (and QR code) to verify it. */
export async function renderStatement(result: ResultView, options: StatementOptions): Promise<Buffer> {
  const { language, verifyUrl } = options;
  const qr = await qrPng(verifyUrl);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    lang: language,
    info: { Title: language === 'ja' ? `${STATEMENT_LABELS.title.ja} ${STATEMENT_LABELS.title.en}` : STATEMENT_LABELS.title.en, Author: 'Results Service' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new StatementWriter(doc);
  const ja = language === 'ja';
  const headWidth = QR.x - PAGE.margin - 16;

  // Heading, and the QR code with the code under it (where the verify page says to find it).
  let y = 82;
  if (ja) {
    w.line(STATEMENT_LABELS.title.ja, PAGE.margin, y, { size: 22, base: 'cjk' });
    y += 20;
    w.line(STATEMENT_LABELS.title.en, PAGE.margin, y, { size: 12, base: 'latinBold', color: GREY });
    y = w.paragraph(STATEMENT_LABELS.issued.ja, y + 22, { font: 'cjk', size: 9, width: headWidth });
    y = w.paragraph(STATEMENT_LABELS.issued.en, y, { font: 'latin', size: 8.5, width: headWidth });
  } else {
    w.line(STATEMENT_LABELS.title.en, PAGE.margin, y, { size: 22, base: 'latinBold' });
    y = w.paragraph(STATEMENT_LABELS.issued.en, y + 24, { font: 'latin', size: 9.5, width: headWidth });
  }
  doc.image(qr, QR.x, QR.y, { width: QR.size, height: QR.size });
  doc.link(QR.x, QR.y, QR.size, QR.size, verifyUrl);
  const codeWidth = w.width(result.verificationCode, 10, 'latinBold');
  w.line(result.verificationCode, QR.x + (QR.size - codeWidth) / 2, QR.y + QR.size + 6, { size: 10, base: 'latinBold' });
  const codeLabel = ja ? `${STATEMENT_LABELS.code.ja} ${STATEMENT_LABELS.code.en}` : STATEMENT_LABELS.code.en;
  const codeLabelWidth = w.width(codeLabel, 7.5);
  w.line(codeLabel, QR.x + (QR.size - codeLabelWidth) / 2, QR.y + QR.size + 17, { size: 7.5, color: GREY });

  // One row per field: the label (Japanese over its English in the Japanese layout), the value beside it.
  y = Math.max(y, QR.y + QR.size + 30) + 16;
  const rowHeight = ja ? 27 : 21;
  const room = (height: number): void => {
    if (y + height <= PAGE.height - PAGE.margin) return;
    doc.addPage();
    y = PAGE.margin + 14;
  };
  const label = (name: LabelName | { main: string; english?: string }, at: number, x = PAGE.margin): void => {
    const lines = typeof name === 'string' ? labelLines(name, language) : name;
    w.line(lines.main, x, at, { size: ja ? 10 : 10.5, color: GREY, base: ja ? 'cjk' : 'latin' });
    if (lines.english) w.line(lines.english, x, at + 11, { size: 7.5, color: GREY });
  };
  const row = (name: LabelName, value: string, size = 12, note?: string): void => {
    room(rowHeight + (note ? 12 : 0));
    label(name, y);
    w.line(value, VALUE_X, y, { size, maxWidth: CONTENT_WIDTH - LABEL_WIDTH });
    if (note) w.line(note, VALUE_X, y + 13, { size: 8.5, color: GREY, maxWidth: CONTENT_WIDTH - LABEL_WIDTH });
    y += rowHeight + (note ? 8 : 0);
  };
  row('candidate', result.candidate.name, 14);
  row('dateOfBirth', result.candidate.dateOfBirth);
  row('idNumber', result.idNumber);
  y += 10;
  row('qualification', result.qualification);
  const level = cefrWording(result.cefrLevel, language);
  const levelInEnglish = cefrWording(result.cefrLevel, 'en');
  row('result', level, 12, ja && level !== levelInEnglish ? levelInEnglish : undefined);
  row('overallScore', String(result.overallScore));
  row('grade', result.grade);
  row('examDate', result.examDate);
  y += 10;
  room(rowHeight * 2);
  label('skills', y);
  y += rowHeight;
  for (const c of result.components) {
    room(rowHeight);
    const inJapanese = ja ? SKILLS_JA[c.skill.trim().toLowerCase()] : undefined;
    label(inJapanese ? { main: inJapanese, english: c.skill } : { main: c.skill }, y, PAGE.margin + 14);
    w.line(String(c.score), VALUE_X, y, { size: 12 });
    y += rowHeight;
  }

  // The last amendment: the rows above are the current version.
  if (result.lastAmendment) {
    const note = amendmentNote(result.lastAmendment.at, result.lastAmendment.reason, language);
    room(40);
    y += 6;
    // The reason is the exam centre's own words, in whatever script: the CJK font also has Latin letters.
    y = w.paragraph(note, y, { font: ja || CJK_TEXT.test(note) ? 'cjk' : 'latin', size: 10, color: '#000000' });
    y += 8;
  }

  // How to check it: the code, the words, the link (the QR code's link too).
  room(ja ? 120 : 90);
  y += 14;
  doc.moveTo(PAGE.margin, y - 14).lineTo(PAGE.width - PAGE.margin, y - 14).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
  const codeWidthLabel = w.line(ja ? `${STATEMENT_LABELS.code.ja}（${STATEMENT_LABELS.code.en}）: ` : `${STATEMENT_LABELS.code.en}: `, PAGE.margin, y + 4, { size: 11, base: ja ? 'cjk' : 'latinBold' });
  w.line(result.verificationCode, PAGE.margin + codeWidthLabel, y + 4, { size: 11, base: 'latinBold' });
  y += 24;
  if (ja) y = w.paragraph(STATEMENT_LABELS.check.ja, y, { font: 'cjk', size: 9 });
  y = w.paragraph(STATEMENT_LABELS.check.en, y, { font: 'latin', size: ja ? 8.5 : 9.5 });
  w.line(verifyUrl, PAGE.margin, y + 4, { size: 10, color: '#1a4f9c', link: verifyUrl, maxWidth: CONTENT_WIDTH });
  doc.end();
  return done;
}
