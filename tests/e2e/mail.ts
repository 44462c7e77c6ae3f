import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The token in the newest .eml sent to `to` whose body has a link to `path`, or null. */
export async function findMailToken(mailDir: string, to: string, path: '/reset-password' | '/invitations/accept'): Promise<string | null> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort().reverse();
  for (const file of files) {
    const text = await readFile(join(mailDir, file), 'utf8').catch(() => '');
    if (!new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(text)) continue;
    const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Waits (reading files, no requests) until such a mail is there; fails after `timeoutMs`. */
export async function tokenFromMail(mailDir: string, to: string, path: '/reset-password' | '/invitations/accept', timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const token = await findMailToken(mailDir, to, path);
    if (token) return token;
    if (Date.now() >= deadline) throw new Error(`no mail to ${to} with a ${path} link in ${mailDir} within ${timeoutMs} ms`);
    await sleep(50);
  }
}
