// What the Statement of Results, its verification and the portal say alike (values, not only types:
// the portal imports this file).
import type { StatementLanguage } from './results.http.js';

/** The most statements one bulk verification request may check. */
export const BULK_VERIFICATION_MAX_ITEMS = 2000;

/** The statement's languages; English is the fallback. */
export const STATEMENT_LANGUAGES: readonly StatementLanguage[] = ['en', 'ja'];

/** The portal's page that checks a statement: the statement's link and QR code open it with the code filled in. */
export const verifyPagePath = (code: string): string => `/verify?code=${encodeURIComponent(code)}`;

const CEFR_LEVEL = /^(?:(?:council\s+of\s+europe\s+)?level\s+|cefr\s+)?(pre-?a1|a1|a2|b1|b2|c1|c2)$/i;

/**
 * A CEFR level as the candidate guide words it ("Council of Europe Level B2") or in Japanese
 * ("ヨーロッパ言語共通参照枠（CEFR）B2 レベル": the guide itself has no Japanese for it), whether the
 * exam centre published "B2" or the full wording; anything else is shown as published.
 */
export function cefrWording(level: string, language: StatementLanguage): string {
  const match = CEFR_LEVEL.exec(level.trim());
  if (!match?.[1]) return level;
  const code = match[1].toUpperCase().replace(/^PRE-?A1$/, 'Pre-A1');
  return language === 'ja' ? `ヨーロッパ言語共通参照枠（CEFR）${code} レベル` : `Council of Europe Level ${code}`;
}
