// The e-mails that embedded mode writes as .eml files (libs/mail's FileMailer), as tests read them:
// the one reader for service tests, end-to-end and browser tests and benchmarks.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One message written under a mail directory. */
export interface Mail {
  file: string;
  /** The address of its `To:` header. */
  to: string;
  /** The message as stored (headers and body). */
  text: string;
  /** When the file was written (ms since the epoch). */
  writtenAt: number;
}

/** The links a test follows: a password reset and an invitation acceptance. */
export type MailLinkPath = '/reset-password' | '/invitations/accept';

const headersOf = (eml: string): string => eml.split(/\r?\n\r?\n/)[0] ?? '';
const toOf = (eml: string): string => /^To:[ \t]*(.*?)\r?$/im.exec(headersOf(eml))?.[1]?.trim() ?? '';

/**
 * The messages in `mailDir` in the order they were written (the file names start with the time
 * and a sequence number), only those to `to` (compared ignoring case) when given, only those
 * written from `since` on (a second's leeway for file times) when given. None when the directory
 * is not there yet.
 */
export async function readMails(mailDir: string, filter: { to?: string; since?: number } = {}): Promise<Mail[]> {
  const names = (await readdir(mailDir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  const mails: Mail[] = [];
  for (const name of names) {
    const file = join(mailDir, name);
    const [text, info] = await Promise.all([readFile(file, 'utf8').catch(() => null), stat(file).catch(() => null)]);
    if (text === null || info === null) continue;
    const mail = { file, to: toOf(text), text, writtenAt: info.mtimeMs };
    if (filter.to !== undefined && mail.to.toLowerCase() !== filter.to.toLowerCase()) continue;
    if (filter.since !== undefined && mail.writtenAt < filter.since - 1000) continue;
    mails.push(mail);
  }
  return mails;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Every readable form of a message: as stored, quoted-printable decoded, base64 parts decoded. */
export function readableForms(eml: string): string[] {
  // A quoted-printable message read as stored can match a link cut at a soft line break (and "=3D"
  // for "="): its decoded form first. A message that is not QP, decoded, could turn "=AB" into a byte.
  const qp = /Content-Transfer-Encoding:\s*quoted-printable/i.test(eml);
  const forms = qp ? [decodeQuotedPrintable(eml), eml] : [eml, decodeQuotedPrintable(eml)];
  const base64Parts = /Content-Transfer-Encoding:\s*base64[^\n]*\n(?:[^\r\n]+\r?\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/gi;
  for (const match of eml.matchAll(base64Parts)) {
    forms.push(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'));
  }
  return forms;
}

/** The first link in the message whose path is `path` (e.g. /reset-password) and carries a token. */
export function linkIn(eml: string, path: string): string | null {
  const pattern = new RegExp(`https?://[^\\s"'<>]*${path.replace(/\//g, '\\/')}\\?[^\\s"'<>]*token=[^\\s"'<>]+`);
  for (const form of readableForms(eml)) {
    const found = pattern.exec(form.replace(/&amp;/g, '&'));
    if (found) return found[0];
  }
  return null;
}

/** The token of that link, or null. */
export function tokenIn(eml: string, path: MailLinkPath): string | null {
  const link = linkIn(eml, path);
  return link === null ? null : new URL(link).searchParams.get('token');
}

/** The token of that link; fails, showing the message, when there is none. */
export function requireToken(eml: string, path: MailLinkPath): string {
  const token = tokenIn(eml, path);
  if (!token) throw new Error(`no ${path} link in:\n${eml}`);
  return token;
}

/** The link to `path` in the newest message to `to` (written from `since` on) that has one, or null. */
export async function findMailLink(mailDir: string, to: string, path: MailLinkPath, since?: number): Promise<string | null> {
  const mails = await readMails(mailDir, since === undefined ? { to } : { to, since });
  for (const mail of mails.reverse()) {
    const link = linkIn(mail.text, path);
    if (link) return link;
  }
  return null;
}

/** The token of that link, or null. */
export async function findMailToken(mailDir: string, to: string, path: MailLinkPath, since?: number): Promise<string | null> {
  const link = await findMailLink(mailDir, to, path, since);
  return link === null ? null : new URL(link).searchParams.get('token');
}

/** Waits (reading files, no requests) for a message to `to` with a link to `path`; answers the link. */
export async function waitForLink(
  mailDir: string,
  to: string,
  path: MailLinkPath,
  { since, timeoutMs = 20_000 }: { since?: number; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const link = await findMailLink(mailDir, to, path, since);
    if (link) return link;
    if (Date.now() >= deadline) throw new Error(`no mail to ${to} with a ${path} link in ${mailDir} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Waits like waitForLink; answers the link's token. */
export async function tokenFromMail(mailDir: string, to: string, path: MailLinkPath, timeoutMs = 15_000): Promise<string> {
  return new URL(await waitForLink(mailDir, to, path, { timeoutMs })).searchParams.get('token') ?? '';
}

/** The link's path and query on the portal under test (the e-mail may name another host). */
export function onPortal(link: string, portalUrl: string): string {
  const url = new URL(link);
  return `${portalUrl}${url.pathname}${url.search}`;
}
