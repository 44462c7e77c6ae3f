import type { AdminCredentials } from './admin-credentials.js';

export type BannerRow = [label: string, value: string];

/** A few aligned lines a person reads at a glance when the system is up. */
export function banner(title: string, rows: readonly BannerRow[], footer?: string): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return ['', title, ...lines, ...(footer === undefined ? [] : [footer, ''])].join('\n');
}

/** The operator's account: the password itself only when it was just made (shown once), else where it is kept. */
export function operatorRows(admin: AdminCredentials): BannerRow[] {
  if (admin.generated) {
    return [
      ['Operator', admin.email],
      ['Password', `${admin.password}  (shown once; kept in ${admin.file})`],
    ];
  }
  return [['Operator', admin.file ? `${admin.email}, password in ${admin.file}` : `${admin.email}, password from ADMIN_PASSWORD`]];
}

/** Where e-mail goes: SMTP (host only: the URL may carry credentials) or .eml files. */
export function mailRow(smtpUrl: string | undefined, mailDir: string): BannerRow {
  if (!smtpUrl) return ['E-mail', `written as .eml files under ${mailDir}`];
  const host = URL.canParse(smtpUrl) ? new URL(smtpUrl).host : 'the SMTP_URL server';
  return ['E-mail', `sent over SMTP to ${host}`];
}

export const localUrl = (url: string): string => url.replace('127.0.0.1', 'localhost');
