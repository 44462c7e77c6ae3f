import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { upstreamPath } from './upstream-path.js';

describe('gateway: the upstream path comes from the matched route, never from the raw URL', () => {
  it('fills each parameter percent-encoded and keeps the query', () => {
    assert.equal(upstreamPath('/api/v1/verification/:code', { code: 'AB-12 34' }, {}), '/api/v1/verification/AB-12%2034');
    assert.equal(
      upstreamPath('/api/v1/me/results/:resultId/statement', { resultId: 'r1' }, { lang: 'ja' }),
      '/api/v1/me/results/r1/statement?lang=ja',
    );
    assert.equal(upstreamPath('/api/v1/directory/search', {}, { q: 'Kant&limit=1000', limit: '5' }), '/api/v1/directory/search?q=Kant%26limit%3D1000&limit=5');
    assert.equal(upstreamPath('/api/v1/institution/shares', {}, { status: ['read', 'unread'] }), '/api/v1/institution/shares?status=read&status=unread');
    assert.equal(upstreamPath('/api/v1/me/results', {}, undefined), '/api/v1/me/results');
  });

  it('refuses separators, dot segments and control characters in a parameter (the traversal variants decode to these)', () => {
    for (const code of ['..\\..\\..\\metrics', '..\\', '../metrics', '..', '.', 'a/b', 'a\\b', 'a\u0000b', 'a\nb', '\u0085', '']) {
      assert.equal(upstreamPath('/api/v1/verification/:code', { code }, {}), null, JSON.stringify(code));
    }
    assert.equal(upstreamPath('/api/v1/verification/:code', {}, {}), null, 'a missing parameter');
  });

  it('lets a dot or question mark inside a parameter through encoded, so it stays one segment', () => {
    assert.equal(upstreamPath('/api/v1/verification/:code', { code: 'a..b' }, {}), '/api/v1/verification/a..b');
    assert.equal(upstreamPath('/api/v1/verification/:code', { code: 'x?y#z' }, {}), '/api/v1/verification/x%3Fy%23z');
  });
});
