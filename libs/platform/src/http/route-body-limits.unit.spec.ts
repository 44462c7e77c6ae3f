import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { httpRoutes } from '#libs/contracts';
import { hardenRequests } from './json-body.parser.js';

describe('platform: body limits from the route table', () => {
  it('a route that declares a bodyLimit takes a body that large; every other route keeps the server’s 64 KB', async () => {
    const app = Fastify({ bodyLimit: 64 * 1024 });
    hardenRequests(app);
    const bulk = httpRoutes.verifyStatements;
    app.post(bulk.path, async (req) => ({ items: (req.body as { items: unknown[] }).items.length }));
    app.post('/api/v1/other', async () => ({ ok: true }));
    try {
      const items = Array.from({ length: 2000 }, (_, i) => ({ code: `CODE-${String(i).padStart(4, '0')}-ABCD`, dateOfBirth: '2001-04-02' }));
      const payload = JSON.stringify({ items });
      assert.ok(payload.length > 64 * 1024 && payload.length < (bulk.bodyLimit ?? 0));
      const taken = await app.inject({ method: 'POST', url: bulk.path, payload, headers: { 'content-type': 'application/json' } });
      assert.equal(taken.statusCode, 200, taken.body);
      assert.deepEqual(taken.json(), { items: 2000 });
      const refused = await app.inject({ method: 'POST', url: '/api/v1/other', payload, headers: { 'content-type': 'application/json' } });
      assert.equal(refused.statusCode, 413);
      const tooBig = await app.inject({ method: 'POST', url: bulk.path, payload: JSON.stringify({ items: 'x'.repeat(bulk.bodyLimit ?? 0) }), headers: { 'content-type': 'application/json' } });
      assert.equal(tooBig.statusCode, 413);
    } finally {
      await app.close();
    }
  });
});
