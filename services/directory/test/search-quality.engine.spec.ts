import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { engineUrls } from '#libs/testing';
import { InMemoryDirectoryIndex, OpenSearchDirectoryIndex } from '../src/search/index.js';
import { formatReport, fullDirectory, loadQueries, runSuite, top5Agreement, type ModeReport } from './search-quality/quality.js';

/**
 * The search-quality suite (search-quality/queries.json: English, Japanese and other scripts,
 * acronyms, domains, typos, departments) over the full seed directory, in both modes: the
 * in-memory index of the embedded mode and OpenSearch of the distributed mode. Fails below
 * 95 % of queries at their required rank in either mode, or below 90 % top-5 agreement.
 */
describe('search quality in both modes (full seed directory)', () => {
  const queries = loadQueries();
  const embedded = new InMemoryDirectoryIndex();
  const distributed = new OpenSearchDirectoryIndex({ node: engineUrls.opensearchUrl, index: `test-quality-${randomUUID()}` });
  let reports: ModeReport[] = [];

  before(async () => {
    const entries = await fullDirectory();
    await embedded.init();
    await distributed.init();
    await embedded.upsert(entries);
    await distributed.upsert(entries);
    reports = [await runSuite('embedded', embedded, queries), await runSuite('distributed', distributed, queries)];
    console.log(formatReport(reports, top5Agreement(reports[0], reports[1])));
  });

  after(async () => {
    await distributed.drop();
    await distributed.close();
  });

  it('has at least 150 queries of every kind the issue names', () => {
    assert.ok(queries.length >= 150, `${queries.length} queries`);
    for (const tag of ['english', 'japanese', 'acronym', 'domain', 'typo', 'department']) {
      assert.ok(queries.filter((q) => q.tag === tag).length >= 10, `fewer than 10 ${tag} queries`);
    }
  });

  for (const mode of ['embedded', 'distributed']) {
    it(`${mode}: at least 95 % of queries find their answer at the required rank`, () => {
      const r = reports.find((x) => x.mode === mode)!;
      assert.ok(r.passed / queries.length >= 0.95, formatReport([r]));
    });
  }

  it('the two modes agree on at least 90 % of their first five hits', () => {
    const agreement = top5Agreement(reports[0], reports[1]);
    assert.ok(agreement.overlap >= 0.9, `top-5 overlap ${(100 * agreement.overlap).toFixed(1)} %`);
  });
});
