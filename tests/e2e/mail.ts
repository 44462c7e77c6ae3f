import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectEventually } from '#libs/testing';

/** The newest .eml sent to `to` whose body has a link to `path`, and the token in that link. */
export async function tokenFromMail(mailDir: string, to: string, path: '/reset-password' | '/invitations/accept'): Promise<string> {
  return expectEventually(
    async () => {
      const files = (await readdir(mailDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort().reverse();
      for (const file of files) {
        const text = await readFile(join(mailDir, file), 'utf8');
        if (!new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(text)) continue;
        const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
        if (match?.[1]) return match[1];
      }
      throw new Error(`no mail to ${to} with a ${path} link in ${mailDir}`);
    },
    { timeoutMs: 15_000 },
  );
}
