import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disagreementsWithTable, servedRoutes } from '#libs/testing';
import { SharingHarness } from './sharing.harness.js';

describe('sharing serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let sharing: SharingHarness;

  before(async () => {
    sharing = await SharingHarness.start();
  });

  after(async () => {
    await sharing?.close();
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${sharing.service.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('sharing', servedRoutes(sharing.service.app), openApi), []);
  });
});
