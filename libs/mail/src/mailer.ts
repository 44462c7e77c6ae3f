import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML (sent as multipart/alternative beside the text). */
  html?: string;
  /** A short word for the file name in file mode: password-reset, invitation, ... */
  kind: string;
  /**
   * `<…@…>`, the same for every attempt at one mail (the mail worker derives it from the event):
   * mail systems, and the file mailer, then keep one message however often it was sent.
   */
  messageId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const FROM_ADDRESS = 'no-reply@results.example';
const FROM = `Results Service <${FROM_ADDRESS}>`;

/** Real SMTP (SMTP_URL): a development catcher in docker compose, a relay in production. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string) {
    // Bounded: the mail worker holds a job for at most its lease (45 s), so one conversation must end sooner.
    this.transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: FROM, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}), ...(message.messageId ? { messageId: message.messageId } : {}) });
  }
}

const encodeHeader = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** The body's headers and lines: plain text, or text and HTML as multipart/alternative (8-bit UTF-8 both). */
function bodyOf(message: MailMessage): string[] {
  const part = (type: string, body: string) => [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', crlf(body), ''];
  if (!message.html) return part('text/plain', message.text);
  const boundary = `=_${randomUUID()}`;
  return [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...part('text/plain', message.text),
    `--${boundary}`,
    ...part('text/html', message.html),
    `--${boundary}--`,
    '',
  ];
}

/**
 * Embedded mode without SMTP: each message is written as an RFC 5322 `.eml` file under `dir`,
 * its body as 8-bit UTF-8 text, so the links in it (and their tokens) read exactly as sent.
 */
export class FileMailer implements Mailer {
  private sequence = 0;

  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const eml = [
      `From: ${FROM}`,
      `To: ${message.to}`,
      `Subject: ${encodeHeader(message.subject)}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${message.messageId ?? `<${randomUUID()}@results.example>`}`,
      'MIME-Version: 1.0',
      ...bodyOf(message),
    ].join('\r\n');
    const safeTo = message.to.replace(/[^A-Za-z0-9@._-]/g, '_');
    // A message sent again (same Message-ID: the worker retrying after a crash) overwrites its file.
    const once = message.messageId ? `-${createHash('sha256').update(message.messageId).digest('hex').slice(0, 16)}` : '';
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const earlier = once ? (await readdir(this.dir)).find((file) => file.endsWith(`${once}.eml`)) : undefined;
    const name = earlier ?? `${stamp}-${String(++this.sequence).padStart(4, '0')}-${message.kind}-${safeTo}${once}.eml`;
    await writeFile(join(this.dir, name), eml, 'utf8');
  }
}

export function createMailer(env: { smtpUrl?: string | undefined; mailDir: string }): Mailer {
  return env.smtpUrl ? new SmtpMailer(env.smtpUrl) : new FileMailer(env.mailDir);
}
