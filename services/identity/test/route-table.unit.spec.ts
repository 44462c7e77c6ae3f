import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disagreementsWithTable, servedRoutes } from '#libs/testing';
import { IdentityHarness } from './identity.harness.js';

describe('identity serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let identity: IdentityHarness;

  before(async () => {
    identity = await IdentityHarness.start();
  });

  after(async () => {
    await identity?.close();
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${identity.service.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('identity', servedRoutes(identity.service.app), openApi), []);
  });
});
