import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileMailer } from './mailer.js';

describe('mail: a message with an HTML body', () => {
  it('is written as multipart/alternative, the plain text first, both parts UTF-8 as sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mail-html-'));
    try {
      await new FileMailer(dir).send({
        to: 'a@example.org',
        subject: 'パスワードの再設定',
        kind: 'password-reset',
        text: '次のリンクを開いてください。\nhttps://x.example/reset-password?token=abc',
        html: '<p lang="ja">次のリンクを開いてください。</p><p><a href="https://x.example/reset-password?token=abc">link</a></p>',
      });
      const [name] = await readdir(dir);
      const eml = await readFile(join(dir, name ?? ''), 'utf8');
      const boundary = /Content-Type: multipart\/alternative; boundary="([^"]+)"/.exec(eml)?.[1];
      assert.ok(boundary, eml);
      const parts = eml.split(`--${boundary}`);
      assert.equal(parts.length, 4, 'preamble, text, html, end');
      assert.match(parts[1] ?? '', /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n次のリンクを開いてください。\r\nhttps:\/\/x.example/);
      assert.match(parts[2] ?? '', /Content-Type: text\/html; charset=utf-8[\s\S]*<p lang="ja">次のリンク/);
      assert.equal((parts[3] ?? '').trim(), '--');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
