// The result decider had no spec of its own; StrykerJS (npm run test:mutation) reached it only
// through the results smoke test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import type { EntryState } from '../entry/entry.decider.js';
import { resultDecider as decider, type ResultCommand } from './result.decider.js';
import type { ResultEvent } from './result.events.js';

const entry: EntryState = {
  status: 'entered',
  entryId: 'e-1',
  idNumber: 'C12345678',
  name: 'Hanako Yamada',
  dateOfBirth: '2001-04-02',
  exam: 'CAE',
  centre: 'JP001',
};
const data = {
  resultId: 'r-1',
  idNumber: 'c12345678',
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: [
    { skill: 'Reading', score: 170 },
    { skill: 'Writing', score: 166 },
  ],
  examDate: '2026-06-14',
  releaseAt: '2026-07-01T00:00:00.000Z',
  restrictions: [],
  verificationCode: 'ABCD-EFGH-JKLM',
} as unknown as Extract<ResultCommand, { type: 'PublishResult' }>['data'];
const publish = (over: Partial<Extract<ResultCommand, { type: 'PublishResult' }>> = {}): ResultCommand => ({ type: 'PublishResult', entry, data, ...over });
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;

describe('Result decider (mutation cases)', () => {
  it("publishes once, with the entry's ID Number and candidate, and evolves to published", () => {
    const events = decider.decide(publish(), decider.initialState);
    const published: ResultEvent = {
      type: 'ResultPublished',
      data: { ...data, entryId: 'e-1', idNumber: 'C12345678', candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02' } },
    };
    assert.deepEqual(events, [published]);
    const state = decider.evolve(decider.initialState, published);
    assert.deepEqual(state, { status: 'published', result: published.data });
    assert.throws(() => decider.decide(publish(), state), error('conflict', 'RESULT.EXISTS', 'This result is already published.'));
  });

  it('refuses a result without an entry, and a skill twice (ignoring case)', () => {
    assert.throws(
      () => decider.decide(publish({ entry: { status: 'none' } }), decider.initialState),
      error('not-found', 'ENTRY.NOT_FOUND', 'No candidate is entered with ID Number c12345678.'),
    );
    const twice = { ...data, components: [{ skill: 'Reading', score: 170 }, { skill: 'reading', score: 160 }] } as typeof data;
    assert.throws(
      () => decider.decide(publish({ data: twice }), decider.initialState),
      error('invalid', 'RESULT.DUPLICATE_SKILL', 'Each skill may appear only once in components.'),
    );
  });

  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command Nope' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event Nope' });
  });
});
