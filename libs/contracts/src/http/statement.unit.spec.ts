import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cefrWording, verifyPagePath } from './statement.js';

describe('the statement’s shared wording', () => {
  it('words a CEFR level as the guide does, in English and Japanese, however it was published', () => {
    for (const published of ['B2', 'b2', 'Level B2', 'CEFR B2', 'Council of Europe Level B2', ' council of europe level b2 ']) {
      assert.equal(cefrWording(published, 'en'), 'Council of Europe Level B2', published);
      assert.equal(cefrWording(published, 'ja'), 'ヨーロッパ言語共通参照枠（CEFR）B2 レベル', published);
    }
    assert.equal(cefrWording('pre-a1', 'en'), 'Council of Europe Level Pre-A1');
    assert.equal(cefrWording('C2', 'ja'), 'ヨーロッパ言語共通参照枠（CEFR）C2 レベル');
  });

  it('leaves anything that is not a CEFR level as published', () => {
    for (const other of ['Below Level A2', 'B3', 'Pass with Merit', '']) assert.equal(cefrWording(other, 'ja'), other);
  });

  it('links to the portal’s verify page with the code encoded', () => {
    assert.equal(verifyPagePath('NCIK-XNBV-BWW'), '/verify?code=NCIK-XNBV-BWW');
    assert.equal(verifyPagePath('a b&c'), '/verify?code=a%20b%26c');
  });
});
