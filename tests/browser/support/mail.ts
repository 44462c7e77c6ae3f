// Reads the e-mails that embedded mode writes as .eml files, and takes the link out of one.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Every readable form of the message: as stored, quoted-printable decoded, base64 parts decoded. */
export function readableForms(eml: string): string[] {
  const forms = [eml, decodeQuotedPrintable(eml)];
  const base64Parts =
    /Content-Transfer-Encoding:\s*base64[^\n]*\n(?:[^\r\n]+\r?\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/gi;
  for (const match of eml.matchAll(base64Parts)) {
    forms.push(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'));
  }
  return forms;
}

/** The first link in the message whose path is `path` (e.g. /reset-password) and carries a token. */
export function linkIn(eml: string, path: string): string | null {
  const pattern = new RegExp(
    `https?://[^\\s"'<>]*${path.replace(/\//g, '\\/')}\\?[^\\s"'<>]*token=[^\\s"'<>]+`,
  );
  for (const form of readableForms(eml)) {
    const found = pattern.exec(form.replace(/&amp;/g, '&'));
    if (found) return found[0];
  }
  return null;
}

/** Waits for a message to `to`, written after `since`, with a link to `path`; answers the link. */
export async function waitForLink(
  mailDir: string,
  to: string,
  path: string,
  since: number,
  timeoutMs = 20_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(mailDir).catch(() => [] as string[]);
    const candidates: { file: string; mtime: number }[] = [];
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const file = join(mailDir, name);
      const { mtimeMs } = await stat(file);
      if (mtimeMs >= since - 1000) candidates.push({ file, mtime: mtimeMs });
    }
    for (const { file } of candidates.sort((a, b) => b.mtime - a.mtime)) {
      const eml = await readFile(file, 'utf8');
      const headers = eml.split(/\r?\n\r?\n/)[0] ?? '';
      if (!new RegExp(`^To:.*${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im').test(headers)) continue;
      const link = linkIn(eml, path);
      if (link) return link;
    }
    if (Date.now() > until) throw new Error(`No e-mail to ${to} with a ${path} link arrived in ${mailDir}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The link's path and query on the portal under test (the e-mail may name another host). */
export function onPortal(link: string, portalUrl: string): string {
  const url = new URL(link);
  return `${portalUrl}${url.pathname}${url.search}`;
}
