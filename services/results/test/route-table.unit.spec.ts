import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { disagreementsWithTable, servedRoutes, type ServiceHarness } from '#libs/testing';
import { startResults } from './results.harness.js';

describe('results serves its routes of the table (libs/contracts/src/http/routes.ts), as declared', () => {
  let h: ServiceHarness;

  before(async () => {
    h = await startResults();
  });

  after(async () => {
    await h?.close();
  });

  it('same methods, paths and roles; nothing under /api/v1 outside the table, in its routes or its OpenAPI document', async () => {
    const openApi = (await (await fetch(`${h.internalUrl}/openapi.json`)).json()) as object;
    assert.deepEqual(disagreementsWithTable('results', servedRoutes(h.app), openApi), []);
  });
});
