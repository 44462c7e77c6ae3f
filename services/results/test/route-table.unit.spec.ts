import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService } from '#libs/platform';
import { disagreementsWithTable, servedRoutes, TestTokenIssuer } from '#libs/testing';
import { ResultsModule } from '../src/results.module.js';

describe('results serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let issuer: TestTokenIssuer;
  let service: RunningService;
  let dataDir: string;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    dataDir = await mkdtemp(join(tmpdir(), 'results-'));
    const infra = await embeddedInfrastructure('results', { dataDir, bus: new InProcessBus(), jwksUrl: () => issuer.jwksUrl, publicUrl: 'http://localhost:3000', logLevel: 'warn' });
    service = await startService(ResultsModule.register(infra), infra, { port: 0, consumes: false });
  });

  after(async () => {
    await service?.close();
    await issuer?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${service.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('results', servedRoutes(service.app), openApi), []);
  });
});
