export interface IdentityOptions {
  /** The operator's login (ADMIN_EMAIL); with adminPassword, ensured at every boot. */
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fails fast on a half-given or unusable operator account. */
export function validateIdentityOptions(options: IdentityOptions): IdentityOptions {
  const problems: string[] = [];
  const { adminEmail, adminPassword } = options;
  if (!adminEmail !== !adminPassword) problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be given together');
  if (adminEmail && !EMAIL.test(adminEmail.trim())) problems.push('ADMIN_EMAIL must be an e-mail address');
  if (adminPassword && (adminPassword.length < 10 || adminPassword.length > 200)) problems.push('ADMIN_PASSWORD must be 10 to 200 characters long');
  if (problems.length > 0) throw new Error(`Invalid identity configuration:\n  - ${problems.join('\n  - ')}`);
  return options;
}
