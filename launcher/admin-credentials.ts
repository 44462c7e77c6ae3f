import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AdminCredentials {
  email: string;
  password: string;
  /** Set when the password was made now (it is printed once). */
  generated: boolean;
  file: string | null;
}

/**
 * The operator account: `configured` (ADMIN_EMAIL / ADMIN_PASSWORD, read by identity's config.ts)
 * when set; otherwise a password made on the first start, printed once and kept (mode 0600) under
 * DATA_DIR so that a restart keeps it.
 */
export async function adminCredentials(
  dataDir: string,
  configured: { adminEmail?: string | undefined; adminPassword?: string | undefined },
): Promise<AdminCredentials> {
  const email = (configured.adminEmail?.trim() || 'admin@results.local').toLowerCase();
  if (configured.adminPassword?.trim()) return { email, password: configured.adminPassword.trim(), generated: false, file: null };
  const file = join(dataDir, 'admin-password');
  if (existsSync(file)) return { email, password: (await readFile(file, 'utf8')).trim(), generated: false, file };
  await mkdir(dataDir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return { email, password, generated: true, file };
}
