/** The languages e-mails are written in; English is the fallback and always present. */
export type MailLanguage = 'en' | 'ja';

/**
 * The language to write a person's e-mail in, from the request's Accept-Language (the portal
 * sends its current language there): the first language we write, by q-value, else English.
 */
export function mailLanguageOf(acceptLanguage: string | string[] | undefined): MailLanguage {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined) ?? '1');
      return { primary: tag.trim().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranked) if (primary === 'ja' || primary === 'en') return primary;
  return 'en';
}
