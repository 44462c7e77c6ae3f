import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationMail } from './invitation.mail.js';

const input = {
  to: 'admissions@example.ac.jp',
  organisationName: 'Example <University>',
  link: 'https://results.example/invitations/accept?token=abcDEF_123',
  expiresAt: '2026-12-16T09:30:00.000Z',
};

describe('the invitation e-mail', () => {
  it('is in English only, text and HTML, when the candidate uses English', () => {
    const mail = invitationMail({ ...input, language: 'en' });
    assert.equal(mail.subject, 'A candidate would like to send you their exam results');
    assert.match(mail.text, /send their exam results to Example <University>/);
    assert.match(mail.text, /valid until 16 December 2026/);
    assert.ok(mail.text.includes(input.link));
    assert.doesNotMatch(mail.text, /[ぁ-んァ-ン]/);
    assert.match(mail.html, /<html lang="en">/);
    assert.match(mail.html, /Example &lt;University&gt;/);
    assert.ok(mail.html.includes(`<a href="${input.link}">`));
  });

  it('is in Japanese first with the English beside it when the candidate uses Japanese', () => {
    const mail = invitationMail({ ...input, language: 'ja' });
    assert.equal(mail.subject, '受験者から試験結果の送付のご希望があります / A candidate would like to send you their exam results');
    const ja = mail.text.indexOf('Example <University> に試験結果を送りたい');
    const en = mail.text.indexOf('send their exam results to Example <University>');
    assert.ok(ja >= 0 && en > ja, 'Japanese, then English');
    assert.match(mail.text, /2026年12月16日/);
    assert.equal(mail.text.split(input.link).length - 1, 2, 'the link in each language');
    assert.match(mail.html, /<html lang="ja">[\s\S]*<div lang="ja">[\s\S]*<div lang="en">/);
  });
});
