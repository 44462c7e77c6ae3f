import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A short word for the file name in file mode: reset, invitation, ... */
  kind: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const FROM = 'Results Service <no-reply@results.example>';

/** Real SMTP (SMTP_URL): a development catcher in docker compose, a relay in production. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: FROM, to: message.to, subject: message.subject, text: message.text });
  }
}

/** Embedded mode without SMTP: each message is written as an RFC 822 `.eml` file under `dir`. */
export class FileMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private sequence = 0;

  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const info = (await this.transport.sendMail({
      from: FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
    })) as { message: Buffer };
    const safeTo = message.to.replace(/[^A-Za-z0-9@._-]/g, '_');
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++this.sequence).padStart(4, '0')}-${message.kind}-${safeTo}.eml`;
    await writeFile(join(this.dir, name), info.message);
  }
}

export function createMailer(env: { smtpUrl?: string | undefined; mailDir: string }): Mailer {
  return env.smtpUrl ? new SmtpMailer(env.smtpUrl) : new FileMailer(env.mailDir);
}
