import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TestTokenIssuer } from '#libs/testing';
import { JwksCache } from './jwks.cache.js';

const kidOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;

/** A URL nobody answers on (bound, then released). */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/.well-known/jwks.json`;
}

describe('JwksCache: several identity instances', () => {
  let issuer: TestTokenIssuer;
  let kid: string;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    kid = kidOf(await issuer.sign({ sub: 'u1', roles: ['candidate'] }));
  });
  after(() => issuer?.stop());

  it('tries the listed URLs in turn: an instance that is down does not stop token checks', async () => {
    const down = await closedUrl();
    const cache = new JwksCache(() => `${down}, ${issuer.jwksUrl}`);
    assert.ok(await cache.get(kid), 'the key, from the second URL');
  });

  it('fails when no listed URL answers, with the last reason', async () => {
    const urls = `${await closedUrl()},${await closedUrl()}`;
    const cache = new JwksCache(() => urls);
    await assert.rejects(cache.get(kid), /fetch failed|ECONNREFUSED/);
  });
});
