import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { measureHttp, UNMATCHED_ROUTE } from './http.metrics.js';

@Controller('api/v1/things')
class ThingsController {
  @Get(':thingId')
  one(@Param('thingId') thingId: string) {
    if (thingId === 'boom') throw new Error('boom');
    return { thingId };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** The value of one series in Prometheus's text format (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2].split(/,(?=[a-zA-Z_]\w*=")/);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3]);
  }
  return undefined;
}

describe('platform: HTTP metrics by route pattern (a real Nest app on Fastify, a real registry)', () => {
  const registry = new Registry();
  let app: NestFastifyApplication;
  let url: string;

  before(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
    measureHttp(app.getHttpAdapter().getInstance(), 'things', registry);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  after(() => app.close());

  it('counts and times each answer under the route pattern, never the raw URL, with its status', async () => {
    const before = await registry.metrics();
    assert.equal(sample(before, 'http_requests_total', { service: 'things', method: 'GET', route: '/api/v1/things/:thingId', status: '200' }), undefined);
    for (const id of ['a1', 'b2', 'c3']) assert.equal((await fetch(`${url}/api/v1/things/${id}`)).status, 200);
    assert.equal((await fetch(`${url}/api/v1/things/boom`)).status, 500);
    assert.equal((await fetch(`${url}/nowhere/${Date.now()}`)).status, 404);

    const text = await registry.metrics();
    const ok = { service: 'things', method: 'GET', route: '/api/v1/things/:thingId', status: '200' };
    assert.equal(sample(text, 'http_requests_total', ok), 3);
    assert.equal(sample(text, 'http_request_duration_seconds_count', ok), 3);
    assert.ok((sample(text, 'http_request_duration_seconds_sum', ok) ?? 0) > 0, 'the durations add up to more than nothing');
    assert.equal(sample(text, 'http_request_duration_seconds_bucket', { ...ok, le: '+Inf' }), 3);
    assert.equal(sample(text, 'http_requests_total', { ...ok, status: '500' }), 1);
    assert.equal(sample(text, 'http_requests_total', { service: 'things', method: 'GET', route: UNMATCHED_ROUTE, status: '404' }), 1);
    assert.doesNotMatch(text, /a1|b2|nowhere/, 'no raw path reaches a label');
  });

  it('a second app in the same registry (embedded mode) shares the metrics, told apart by its service label', async () => {
    const other = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
    measureHttp(other.getHttpAdapter().getInstance(), 'others', registry);
    await other.listen(0, '127.0.0.1');
    try {
      await fetch(`${await other.getUrl()}/api/v1/things/x`);
      const text = await registry.metrics();
      const route = { method: 'GET', route: '/api/v1/things/:thingId', status: '200' };
      assert.equal(sample(text, 'http_requests_total', { service: 'others', ...route }), 1);
      assert.equal(sample(text, 'http_requests_total', { service: 'things', ...route }), 3);
      assert.equal(text.match(/^# TYPE http_requests_total counter$/gm)?.length, 1);
    } finally {
      await other.close();
    }
  });
});
