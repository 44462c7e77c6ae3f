import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InProcessBus } from '#libs/messaging';
import type { RunningService } from '#libs/platform';
import { disagreementsWithTable, servedRoutes, TestTokenIssuer } from '#libs/testing';
import { bootDirectory } from './boot.js';
import { FakeIdentity } from './fake-identity.js';

describe('the directory serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let issuer: TestTokenIssuer;
  let identity: FakeIdentity;
  let service: RunningService;
  let dataDir: string;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    identity = await FakeIdentity.start();
    dataDir = await mkdtemp(join(tmpdir(), 'directory-'));
    ({ service } = await bootDirectory({ dataDir, bus: new InProcessBus(), issuer, seed: 'none', identityUrl: identity.url }));
  });

  after(async () => {
    await service?.close();
    await identity?.close();
    await issuer?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${service.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('directory', servedRoutes(service.app), openApi), []);
  });
});
