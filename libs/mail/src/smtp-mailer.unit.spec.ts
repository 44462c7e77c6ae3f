import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { createMailer, SmtpMailer } from './mailer.js';

interface Delivered {
  mailFrom: string;
  rcptTo: string[];
  data: string;
}

/** Unfolds the header block of a raw message into lower-cased names and their values. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const map = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

const addressOf = (a: SMTPServerAddress | false): string => (a ? a.address : '');

describe('mail: SmtpMailer against a real SMTP server (smtp-server)', () => {
  const delivered: Delivered[] = [];
  let server: SMTPServer;
  let url: string;

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@refused.example')) callback(new Error('550 mailbox unavailable'));
        else callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          delivered.push({ mailFrom: addressOf(session.envelope.mailFrom), rcptTo: session.envelope.rcptTo.map(addressOf), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it('delivers one message: envelope, From/To/Subject headers, a plain-text body', async () => {
    delivered.length = 0;
    const mailer = createMailer({ smtpUrl: url, mailDir: '/nonexistent' });
    assert.ok(mailer instanceof SmtpMailer, 'SMTP_URL set: SMTP, not files');
    const text = 'Reset your password:\nhttp://portal.test/reset-password?token=abc_DEF-123\n\nIgnore this if it was not you.';
    await mailer.send({ to: 'hanako@example.com', subject: 'Reset your password', text, kind: 'password-reset' });
    assert.equal(delivered.length, 1);
    const [mail] = delivered;
    assert.equal(mail?.mailFrom, 'no-reply@results.example');
    assert.deepEqual(mail?.rcptTo, ['hanako@example.com']);
    const headers = headersOf(mail?.data ?? '');
    assert.equal(headers.get('from'), 'Results Service <no-reply@results.example>');
    assert.equal(headers.get('to'), 'hanako@example.com');
    assert.equal(headers.get('subject'), 'Reset your password');
    assert.match(headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/i);
    assert.match(headers.get('message-id') ?? '', /^<.+@.+>$/);
    assert.ok(headers.has('date'));
    const body = (mail?.data ?? '').split('\r\n\r\n').slice(1).join('\r\n\r\n');
    assert.equal(body.replace(/\r\n/g, '\n').trimEnd(), text, 'the body arrives as written, link and token intact');
  });

  it('encodes a non-ASCII subject as an RFC 2047 encoded word that decodes to the original', async () => {
    delivered.length = 0;
    await new SmtpMailer(url).send({ to: 'taro@example.com', subject: 'パスワードの再設定', text: 'hello', kind: 'password-reset' });
    const subject = headersOf(delivered[0]?.data ?? '').get('subject') ?? '';
    assert.doesNotMatch(subject, /[^\x20-\x7e]/, 'headers stay 7-bit');
    const decoded = [...subject.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)]
      .map(([, enc, data]) =>
        enc?.toUpperCase() === 'B'
          ? Buffer.from(data ?? '', 'base64')
          : Buffer.from((data ?? '').replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
      );
    assert.equal(Buffer.concat(decoded).toString('utf8'), 'パスワードの再設定');
  });

  it('rejects when the server refuses the recipient, so the caller can retry', async () => {
    delivered.length = 0;
    await assert.rejects(new SmtpMailer(url).send({ to: 'nobody@refused.example', subject: 's', text: 't', kind: 'invitation' }), /550|mailbox unavailable|No recipients/i);
    assert.equal(delivered.length, 0);
  });
});
