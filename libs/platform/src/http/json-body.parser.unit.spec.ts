import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, parseJsonBody } from './json-body.parser.js';
import { policedText, policedValue } from './text-policy.js';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.kind, 'invalid');
    return error;
  }
  assert.fail('expected a refusal');
};

describe('platform: the JSON body parser', () => {
  it('measures nesting in one pass, ignoring brackets inside strings and escaped quotes', () => {
    assert.equal(jsonNestsDeeperThan('{"a":[[1]]}', 3), false);
    assert.equal(jsonNestsDeeperThan('{"a":[[[1]]]}', 3), true);
    assert.equal(jsonNestsDeeperThan('{"a":"[[[[[[\\"[[[["}', 1), false);
    assert.equal(jsonNestsDeeperThan('['.repeat(100_000), MAX_JSON_DEPTH), true, 'no recursion, no stack overflow');
  });

  it('refuses bodies nested deeper than 32 levels (2,000 and 5,000 included) before parsing, and takes 32', () => {
    assert.match(refusal(() => parseJsonBody('['.repeat(2_000) + ']'.repeat(2_000), JSON.parse)).message, /nests more than 32 levels/);
    assert.equal(refusal(() => parseJsonBody('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), JSON.parse)).code, 'BODY.TOO_DEEP');
    const deepest = '['.repeat(32) + ']'.repeat(32);
    assert.deepEqual(parseJsonBody(deepest, JSON.parse), JSON.parse(deepest));
  });

  it('refuses empty and malformed bodies with a 400-kind error, and passes on the parser’s own refusals (prototype poisoning)', () => {
    assert.equal(refusal(() => parseJsonBody('  ', JSON.parse)).code, 'BODY.EMPTY');
    assert.equal(refusal(() => parseJsonBody('{"a":', JSON.parse)).code, 'BODY.MALFORMED');
    const poisoned = () => parseJsonBody('{"__proto__":{}}', () => {
      throw new SyntaxError('Object contains forbidden prototype property');
    });
    assert.match(refusal(poisoned).message, /forbidden prototype property/);
  });

  it('applies the text policy to every string and normalises to NFC', () => {
    assert.deepEqual(parseJsonBody('{"name":"Cafe\\u0301","tags":["A\\u030a"],"n":1,"ok":true,"none":null}', JSON.parse), {
      name: 'Caf\u00e9',
      tags: ['\u00c5'],
      n: 1,
      ok: true,
      none: null,
    });
    assert.equal(refusal(() => parseJsonBody('{"email":"a\\ud800@example.com"}', JSON.parse)).code, 'TEXT.MALFORMED');
  });
});

describe('platform: the text policy', () => {
  it('refuses lone surrogates, C0 and C1 controls (tab and newline too) and bidi controls, naming the field', () => {
    assert.equal(refusal(() => policedText('a\ud800', 'email')).message, 'email must be well-formed Unicode text (it contains a lone surrogate)');
    assert.equal(refusal(() => policedText('\udc00x', 'email')).code, 'TEXT.MALFORMED');
    for (const c of ['\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f']) {
      assert.equal(refusal(() => policedText(`a${c}b`, 'name')).message, 'name must not contain control characters', JSON.stringify(c));
    }
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      assert.equal(refusal(() => policedText(`a${c}b`, 'name')).code, 'TEXT.BIDI_CHARACTER', JSON.stringify(c));
    }
  });

  it('takes ordinary text in any script, emoji (well-formed pairs) and marks such as U+200F, normalised', () => {
    assert.equal(policedText('山田 花子 😀 Ünïcødé \u200f', 'name'), '山田 花子 😀 Ünïcødé \u200f');
    assert.equal(policedText('ｶﾞ', 'name'), 'ｶﾞ', 'NFC, not NFKC');
    assert.equal(policedText('e\u0301', 'name'), '\u00e9');
  });

  it('names nested fields by their path, and checks property names', () => {
    assert.equal(
      refusal(() => policedValue({ accounts: [{ department: 'ok' }, { department: 'x\u202e' }] })).message,
      'accounts[1].department must not contain bidirectional override or isolate characters',
    );
    assert.match(refusal(() => policedValue({ ['a\u0000']: 1 })).message, /property name in body must not contain control characters/);
    assert.equal(refusal(() => policedValue({ q: ['ok', 'b\u0000'] }, 'query')).message, 'q[1] must not contain control characters');
  });
});
