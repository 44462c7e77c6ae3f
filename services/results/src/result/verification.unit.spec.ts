import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResultView } from '../projections/results.read-model.js';
import { normaliseCode, verdict } from './verification.js';

const view = (extra: Partial<ResultView> = {}): ResultView => ({
  _id: 'r1',
  _version: 1,
  entryId: 'e1',
  idNumber: 'C12345678',
  candidate: { name: '山田 花子', dateOfBirth: '2001-04-02' },
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: [{ skill: 'Reading', score: 170 }],
  examDate: '2026-06-14',
  releaseAt: '2026-07-01T00:00:00.000Z',
  restrictions: [],
  verificationCode: 'K7PQ-2XW9-MRAB',
  publishedAt: '2026-07-01T00:00:00.000Z',
  ...extra,
});

describe('verification: codes and verdicts', () => {
  it('normalises a code as people type it, and refuses what cannot be one', () => {
    assert.equal(normaliseCode('K7PQ-2XW9-MRAB'), 'K7PQ-2XW9-MRAB');
    assert.equal(normaliseCode(' k7pq 2xw9 mrab '), 'K7PQ-2XW9-MRAB');
    assert.equal(normaliseCode('k7pq2xw9mrab'), 'K7PQ-2XW9-MRAB');
    assert.equal(normaliseCode('ncik xnbv bww'), 'NCIK-XNBV-BWW');
    assert.equal(normaliseCode('K7P'), null);
    assert.equal(normaliseCode('K7PQ-2XW9-MRAB-2XW9-M'), null);
    assert.equal(normaliseCode('K7PQ_2XW9_MRAB'), null);
    assert.equal(normaliseCode(''), null);
  });

  it('genuine with the details only for the right date of birth; wrong birth date and no result alike', () => {
    const genuine = verdict('k7pq2xw9mrab', '2001-04-02', view());
    assert.equal(genuine.status, 'genuine');
    assert.equal(genuine.code, 'k7pq2xw9mrab');
    assert.deepEqual(genuine.result?.candidate, { name: '山田 花子', dateOfBirth: '2001-04-02', idNumber: 'C12345678' });
    assert.deepEqual(verdict('X', '2001-04-03', view()), { code: 'X', status: 'not-found' });
    assert.deepEqual(verdict('X', '2001-04-02', null), { code: 'X', status: 'not-found' });
  });

  it('a withdrawn result verifies as withdrawn, without details, and only for the right date of birth', () => {
    const withdrawn = view({ withdrawnAt: '2026-08-01T00:00:00.000Z' });
    assert.deepEqual(verdict('X', '2001-04-02', withdrawn), { code: 'X', status: 'withdrawn' });
    assert.deepEqual(verdict('X', '2001-04-03', withdrawn), { code: 'X', status: 'not-found' });
  });
});
