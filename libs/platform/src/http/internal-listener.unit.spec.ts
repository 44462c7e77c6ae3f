import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Module, type DynamicModule } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { InProcessBus } from '#libs/messaging';
import { startService, type RunningService } from '../bootstrap.js';
import { embeddedInfrastructure } from '../infrastructure.factory.js';
import type { ServiceInfrastructure } from '../infrastructure.js';
import { PlatformModule } from '../platform.module.js';
import type { InternalRoute } from './internal-route.js';

@Module({})
class BareModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return { module: BareModule, imports: [PlatformModule.register(infra)] };
  }
}

describe('platform: internal routes on the internal listener', () => {
  const seen: unknown[] = [];
  const routes: InternalRoute[] = [
    {
      method: 'POST',
      path: '/internal/things/:id',
      handle: async ({ params, body }) => {
        seen.push(body);
        if (params.id === 'taken')
          throw new DomainError('conflict', 'THING.TAKEN', 'That thing already exists.');
        return { status: 201, body: { id: params.id, body } };
      },
    },
    { method: 'DELETE', path: '/internal/things/:id', handle: async () => ({ status: 204 }) },
  ];
  let dataDir: string;
  let service: RunningService;
  const post = (base: string, path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'internal-'));
    const infra = await embeddedInfrastructure('gamma', {
      dataDir,
      bus: new InProcessBus(),
      jwksUrl: () => 'http://127.0.0.1:9/jwks',
      publicUrl: '',
      logLevel: 'warn',
    });
    service = await startService(BareModule.register(infra), infra, {
      port: 0,
      consumes: false,
      internalRoutes: () => routes,
    });
  });

  after(async () => {
    await service?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers with the handler’s status and body, parameters and body passed in (strings NFC-normalised)', async () => {
    const r = await post(service.internalUrl, '/internal/things/a1', JSON.stringify({ name: 'Cafe\u0301' }));
    assert.equal(r.status, 201);
    assert.deepEqual(await r.json(), { id: 'a1', body: { name: 'Caf\u00e9' } });
    const gone = await fetch(`${service.internalUrl}/internal/things/a1`, { method: 'DELETE' });
    assert.equal(gone.status, 204);
  });

  it('maps a thrown DomainError to the usual error body and status', async () => {
    const r = await post(service.internalUrl, '/internal/things/taken', '{"name":"x"}');
    assert.equal(r.status, 409);
    assert.deepEqual(await r.json(), {
      statusCode: 409,
      error: 'Conflict',
      message: 'That thing already exists.',
      code: 'THING.TAKEN',
    });
  });

  it('parses bodies as hardened as the API does: deep nesting, control characters and lone surrogates are a 400 before the handler', async () => {
    const before = seen.length;
    for (const body of [
      '['.repeat(2_000) + ']'.repeat(2_000),
      '{"name":"a\\u0000b"}',
      '{"email":"a\\ud800@example.com"}',
      '{"__proto__":{"x":1}}',
    ]) {
      const r = await post(service.internalUrl, '/internal/things/b2', body);
      assert.equal(r.status, 400, body.slice(0, 40));
      const answer = (await r.json()) as { statusCode: number; message: string };
      assert.equal(answer.statusCode, 400);
    }
    assert.equal(seen.length, before, 'no handler ran');
  });

  it('is not served on the API port', async () => {
    const r = await post(service.url, '/internal/things/c3', '{"name":"x"}');
    assert.equal(r.status, 404);
  });
});
