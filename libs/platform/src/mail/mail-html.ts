import type { MailLanguage } from './mail-language.js';

/** A paragraph of an e-mail: plain text, or a link shown as its own address. */
export type MailBlock = string | { link: string };

/** One language's part of an e-mail. */
export interface MailPart {
  lang: MailLanguage;
  blocks: MailBlock[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The plain-text body: each part's paragraphs, parts separated by a rule. */
export function mailText(parts: MailPart[]): string {
  return parts.map((p) => p.blocks.map((b) => (typeof b === 'string' ? b : b.link)).join('\n\n')).join('\n\n----------\n\n');
}

/** The HTML body: the same paragraphs, each part marked with its language, links clickable. */
export function mailHtml(title: string, parts: MailPart[]): string {
  const first = parts[0]?.lang ?? 'en';
  const body = parts
    .map((p) => {
      const paragraphs = p.blocks.map((b) =>
        typeof b === 'string'
          ? `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`
          : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.link)}</a></p>`,
      );
      return `<div lang="${p.lang}">\n${paragraphs.join('\n')}\n</div>`;
    })
    .join('\n<hr>\n');
  return `<!doctype html>\n<html lang="${first}">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">\n${body}\n</body>\n</html>\n`;
}
