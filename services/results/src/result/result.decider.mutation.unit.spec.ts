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
    assert.deepEqual(state, { status: 'published', result: published.data, amendments: [], withdrawal: null });
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

  it('answers a refused amendment or withdrawal with the exact code and words', () => {
    const state = decider.evolve(decider.initialState, { type: 'ResultPublished', data: { ...data, entryId: 'e-1', candidate: { name: 'H', dateOfBirth: '2001-04-02' } } });
    const amend = (proposed: object): ResultCommand => ({ type: 'AmendResult', resultId: 'r-1', reason: 'why', proposed, at: '2026-08-01T00:00:00.000Z' });
    assert.throws(() => decider.decide(amend({ grade: 'B' }), decider.initialState), error('not-found', 'RESULT.NOT_FOUND', 'No such result.'));
    assert.throws(
      () => decider.decide(amend({ grade: 'C' }), state),
      error(
        'unprocessable',
        'RESULT.NO_CHANGE',
        'Nothing to amend: give at least one of overallScore, grade, cefrLevel or components with a value different from the current one.',
      ),
    );
    const withdraw: ResultCommand = { type: 'WithdrawResult', resultId: 'r-1', reason: 'why', at: '2026-08-02T09:00:00.000Z' };
    assert.throws(() => decider.decide(withdraw, decider.initialState), error('not-found', 'RESULT.NOT_FOUND', 'No such result.'));
    const [withdrawn] = decider.decide(withdraw, state);
    assert.ok(withdrawn);
    const after = decider.evolve(state, withdrawn);
    assert.throws(
      () => decider.decide(amend({ grade: 'B' }), after),
      error('conflict', 'RESULT.WITHDRAWN', 'This result was withdrawn by the exam centre on 2026-08-02: it can no longer be amended.'),
    );
    // An amendment keeps the candidate, the entry and the release of the published result.
    const [amended] = decider.decide(amend({ components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 150 }] }), state);
    assert.ok(amended);
    const next = decider.evolve(state, amended);
    assert.ok(next.status === 'published');
    assert.deepEqual({ ...next.result, components: [] }, { ...(state.status === 'published' ? state.result : {}), components: [] });
    assert.deepEqual(next.result.components, [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 150 }]);
  });

  it('compares skills ignoring case as lower case does (Straße and STRASSE are two skills, Reading and reading one)', () => {
    const two = { ...data, components: [{ skill: 'Straße', score: 1 }, { skill: 'STRASSE', score: 2 }] } as typeof data;
    assert.equal(decider.decide(publish({ data: two }), decider.initialState).length, 1);
  });

  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command Nope' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event Nope' });
  });
});
