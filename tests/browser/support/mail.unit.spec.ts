import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { linkIn, onPortal } from './mail.js';

async function render(text: string, encoding?: 'base64' | 'quoted-printable'): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = (await transport.sendMail({
    from: 'a@example.org',
    to: 'b@example.org',
    subject: 'Reset',
    ...(encoding ? { text: { content: text }, textEncoding: encoding } : { text }),
  })) as { message: Buffer };
  return info.message.toString('utf8');
}

describe('links in e-mails written by embedded mode', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.' + 'x'.repeat(120) + '.sig_-=';
  const link = `http://localhost:3000/reset-password?token=${encodeURIComponent(token)}`;

  for (const encoding of [undefined, 'quoted-printable', 'base64'] as const) {
    it(`finds a long link (${encoding ?? 'default encoding'})`, async () => {
      const eml = await render(
        `Hello,\n\nChoose a new password: ${link}\n\nThe link works for one hour. 以上`,
        encoding,
      );
      assert.equal(linkIn(eml, '/reset-password'), link);
      assert.equal(linkIn(eml, '/invitations/accept'), null);
    });
  }

  it('moves the link onto the portal under test', () => {
    assert.equal(
      onPortal('https://results.example/invitations/accept?token=abc', 'http://127.0.0.1:4000'),
      'http://127.0.0.1:4000/invitations/accept?token=abc',
    );
  });
});
