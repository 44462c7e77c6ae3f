import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailLanguageOf } from './mail-language.js';

describe('the language of an e-mail, from Accept-Language', () => {
  it('takes the first language we write, by q-value, and falls back to English', () => {
    assert.equal(mailLanguageOf('ja'), 'ja');
    assert.equal(mailLanguageOf('ja-JP,ja;q=0.9,en;q=0.8'), 'ja');
    assert.equal(mailLanguageOf('en-GB,ja;q=0.5'), 'en');
    assert.equal(mailLanguageOf('fr-FR, ja;q=0.4, en;q=0.3'), 'ja');
    assert.equal(mailLanguageOf('en;q=0.2, ja;q=0.9'), 'ja');
    assert.equal(mailLanguageOf('ja;q=0, en'), 'en');
    assert.equal(mailLanguageOf('fr, de'), 'en');
    assert.equal(mailLanguageOf(undefined), 'en');
    assert.equal(mailLanguageOf(''), 'en');
    assert.equal(mailLanguageOf(['de', 'ja']), 'ja');
  });
});

describe('an e-mail body in text and HTML', () => {
  it('writes the same paragraphs in both, each part in its language, links clickable and text escaped', async () => {
    const { mailHtml, mailText } = await import('./mail-html.js');
    const parts = [
      { lang: 'ja' as const, blocks: ['こんにちは <Ａ&B>', { link: 'https://x.example/a?token=abc' }] },
      { lang: 'en' as const, blocks: ['Hello'] },
    ];
    assert.equal(mailText(parts), 'こんにちは <Ａ&B>\n\nhttps://x.example/a?token=abc\n\n----------\n\nHello');
    const html = mailHtml('Subject & more', parts);
    assert.match(html, /<html lang="ja">/);
    assert.match(html, /<div lang="ja">\n<p>こんにちは &lt;Ａ&amp;B&gt;<\/p>/);
    assert.match(html, /<a href="https:\/\/x.example\/a\?token=abc">https:\/\/x.example\/a\?token=abc<\/a>/);
    assert.match(html, /<div lang="en">\n<p>Hello<\/p>/);
    assert.match(html, /<title>Subject &amp; more<\/title>/);
  });
});
