import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disagreementsWithTable, servedRoutes } from '#libs/testing';
import { DirectoryHarness } from './directory.harness.js';

describe('the directory serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let h: DirectoryHarness;

  before(async () => {
    h = await DirectoryHarness.start();
  });

  after(async () => {
    await h?.close();
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${h.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('directory', servedRoutes(h.app), openApi), []);
  });
});
