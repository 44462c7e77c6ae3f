import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { FileMailer } from '#libs/mail';
import { findMailToken, linkIn, onPortal, readMails, requireToken, tokenFromMail } from './mailbox.js';

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

describe('reading the mail directory', () => {
  it('finds the newest message to an address (any case) with a link, and its token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailbox-'));
    try {
      assert.deepEqual(await readMails(join(dir, 'none')), []);
      const mailer = new FileMailer(dir);
      const send = (to: string, token: string) =>
        mailer.send({ to, subject: 'Reset', kind: 'password-reset', text: `Open:\nhttp://x.example/reset-password?token=${token}\n` });
      await send('a@example.org', 'first');
      await send('b@example.org', 'other');
      await send('A@example.org', 'second');
      assert.deepEqual((await readMails(dir, { to: 'a@example.org' })).map((m) => requireToken(m.text, '/reset-password')), ['first', 'second']);
      assert.equal(await findMailToken(dir, 'a@example.org', '/reset-password'), 'second');
      assert.equal(await findMailToken(dir, 'a@example.org', '/invitations/accept'), null);
      assert.equal(await findMailToken(dir, 'c@example.org', '/reset-password'), null);
      assert.equal(await tokenFromMail(dir, 'b@example.org', '/reset-password', 1_000), 'other');
      assert.throws(() => requireToken('no link here', '/reset-password'), /no \/reset-password link/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
