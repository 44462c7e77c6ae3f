import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordResetMail } from './password-reset.mail.js';

const link = 'https://results.example/reset-password?token=abc_DEF-123';

describe('the password reset e-mail', () => {
  it('is in English, text and HTML, by default', () => {
    const mail = passwordResetMail('a@example.org', link);
    assert.equal(mail.subject, 'Reset your Results Service password');
    assert.match(mail.text, /Open this link within \d+ minutes/);
    assert.ok(mail.text.includes(link));
    assert.match(mail.html ?? '', /<html lang="en">/);
    assert.ok((mail.html ?? '').includes(`<a href="${link}">`));
  });

  it('is in Japanese for a candidate who asked from the portal in Japanese', () => {
    const mail = passwordResetMail('a@example.org', link, 'ja');
    assert.equal(mail.subject, '成績照会サービスのパスワード再設定');
    assert.match(mail.text, /分以内に次のリンクを開いて/);
    assert.doesNotMatch(mail.text, /Open this link/);
    assert.ok(mail.text.includes(link));
    assert.match(mail.html ?? '', /<html lang="ja">[\s\S]*<div lang="ja">/);
  });
});
