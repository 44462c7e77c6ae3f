import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertEmptyBody, EMPTY_BODY_MESSAGE } from './withdraw-share.request.dto.js';

describe('a withdrawal body', () => {
  it('is none, or an object without fields', () => {
    assert.doesNotThrow(() => assertEmptyBody(undefined));
    assert.doesNotThrow(() => assertEmptyBody({}));
  });

  it('refuses anything else with a message a person understands, JSON null among them', () => {
    for (const body of [null, [], 'x', 0, false, { reason: 'oops' }]) {
      assert.throws(() => assertEmptyBody(body), (e: Error & { code?: string }) => e.message === EMPTY_BODY_MESSAGE, JSON.stringify(body));
    }
  });
});
