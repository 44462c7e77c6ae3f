import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The master key that encrypts webhook signing secrets at rest: `configured` (WEBHOOK_SECRET_KEY,
 * read by sharing's config.ts) when set; otherwise 32 random bytes made on the first start and
 * kept (mode 0600) under DATA_DIR, so that a restart opens what the last run sealed. For the
 * launchers on one machine only: a deployed sharing service requires WEBHOOK_SECRET_KEY (and
 * keeps it apart from the data it protects).
 */
export async function webhookSecretKey(dataDir: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'webhook-secret-key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    // Another launcher on the same DATA_DIR made it first: use that one.
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
