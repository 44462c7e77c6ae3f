import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IMMUTABLE, REVALIDATE, cacheControlFor, preferredEncoding, servePortal } from './portal-delivery.js';

@Module({})
class EmptyModule {}

const SCRIPT = `console.log(${JSON.stringify('portal '.repeat(400))});`;
const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-DB2xZNTh.js"></script></head><body><div id="app"></div></body></html>';

describe('gateway: the portal is delivered compressed when asked, hashed assets cached for good, index.html revalidated', () => {
  let app: NestFastifyApplication;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portal-delivery-'));
    await mkdir(join(dir, 'assets'));
    const files: Record<string, string> = { 'index.html': INDEX, 'assets/index-DB2xZNTh.js': SCRIPT };
    for (const [name, body] of Object.entries(files)) {
      await writeFile(join(dir, name), body);
      await writeFile(join(dir, `${name}.br`), brotliCompressSync(body));
      await writeFile(join(dir, `${name}.gz`), gzipSync(body));
    }
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    await servePortal(app, dir);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli file to a browser that accepts br, gzip to one that accepts only gzip, the plain file otherwise', async () => {
    const br = await get('/assets/index-DB2xZNTh.js', 'gzip, deflate, br, zstd');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers['vary']), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), SCRIPT);
    assert.ok(br.rawPayload.length < SCRIPT.length / 5, `brotli sent ${br.rawPayload.length} bytes of ${SCRIPT.length}`);

    const gz = await get('/assets/index-DB2xZNTh.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), SCRIPT);

    const plain = await get('/assets/index-DB2xZNTh.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.payload, SCRIPT);
  });

  it('caches hashed assets for a year, immutable; index.html and client routes are revalidated on every load', async () => {
    assert.equal((await get('/assets/index-DB2xZNTh.js', 'br')).headers['cache-control'], IMMUTABLE);
    for (const url of ['/', '/index.html', '/verify?code=ABC', '/inbox/some-share']) {
      const page = await get(url, 'br, gzip');
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['cache-control'], REVALIDATE, url);
      assert.match(String(page.headers['content-type']), /text\/html/, url);
      const body = page.headers['content-encoding'] === 'br' ? brotliDecompressSync(page.rawPayload).toString() : page.payload;
      assert.equal(body, INDEX, url);
    }
    const spa = await get('/results', 'gzip');
    assert.equal(spa.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(spa.rawPayload).toString(), INDEX);
    assert.equal((await get('/results')).payload, INDEX);
  });

  it('answers an unknown API path with a JSON 404, not the portal, and never serves the compressed siblings by name', async () => {
    const api = await get('/api/v1/nothing-here');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json<{ code: string }>().code, 'ROUTE.NOT_FOUND');
    const sibling = await get('/assets/index-DB2xZNTh.js.br');
    assert.match(String(sibling.headers['content-type']), /text\/html/);
  });

  it('reads Accept-Encoding with its q-values', () => {
    assert.equal(preferredEncoding(undefined), null);
    assert.equal(preferredEncoding('identity'), null);
    assert.equal(preferredEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(preferredEncoding('br;q=0, gzip;q=0'), null);
    assert.equal(preferredEncoding('*'), 'br');
    assert.equal(preferredEncoding('GZIP;q=0.5'), 'gzip');
    assert.equal(cacheControlFor('/x/dist/assets/index-B1hWIFej.css.gz'), IMMUTABLE);
    assert.equal(cacheControlFor('/x/dist/index.html'), REVALIDATE);
  });
});
