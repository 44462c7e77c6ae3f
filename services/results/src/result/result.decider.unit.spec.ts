import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { changesOf, resultDecider as decider, type ResultCommand } from './result.decider.js';
import type { PublishedResult, ResultEvent } from './result.events.js';

const given = (events: ResultEvent[]) => events.reduce(decider.evolve, decider.initialState);
const when = (events: ResultEvent[], command: ResultCommand) => decider.decide(command, given(events));
const refused = (kind: string, code: string) => (e: unknown) => e instanceof DomainError && e.kind === kind && e.code === code;

const published: PublishedResult = {
  resultId: 'r-1',
  entryId: 'e-1',
  idNumber: 'C12345678',
  candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02' },
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
};
const publishedEvent: ResultEvent = { type: 'ResultPublished', data: published };
const AT = '2026-08-01T10:00:00.000Z';
const amend = (proposed: Extract<ResultCommand, { type: 'AmendResult' }>['proposed'], reason = 'Re-mark on appeal'): ResultCommand => ({
  type: 'AmendResult',
  resultId: 'r-1',
  reason,
  proposed,
  at: AT,
});
const withdraw = (reason = 'Malpractice', at = AT): ResultCommand => ({ type: 'WithdrawResult', resultId: 'r-1', reason, at });

describe('Result decider: amendments', () => {
  it('amends the fields that change, with the reason, the time and the whole current version', () => {
    const events = when([publishedEvent], amend({ overallScore: 175, grade: 'B' }));
    assert.deepEqual(events, [
      {
        type: 'ResultAmended',
        data: {
          resultId: 'r-1',
          amendedAt: AT,
          reason: 'Re-mark on appeal',
          changes: { overallScore: 175, grade: 'B' },
          current: {
            qualification: 'Certificate in Advanced English',
            cefrLevel: 'Council of Europe Level B2',
            overallScore: 175,
            grade: 'B',
            components: published.components,
            examDate: '2026-06-14',
            verificationCode: 'ABCD-EFGH-JKLM',
          },
        },
      },
    ]);
    const state = given([publishedEvent, ...events]);
    assert.ok(state.status === 'published');
    assert.equal(state.result.overallScore, 175);
    assert.equal(state.result.grade, 'B');
    assert.equal(state.result.verificationCode, 'ABCD-EFGH-JKLM');
    assert.deepEqual(state.amendments, [{ at: AT, reason: 'Re-mark on appeal', changes: { overallScore: 175, grade: 'B' } }]);
  });

  it('reports only the fields that differ: a field equal to its current value is no change', () => {
    const [event] = when([publishedEvent], amend({ overallScore: 168, grade: 'C', cefrLevel: 'Council of Europe Level C1' }));
    assert.ok(event?.type === 'ResultAmended');
    assert.deepEqual(event.data.changes, { cefrLevel: 'Council of Europe Level C1' });
  });

  it('refuses an amendment that changes nothing (422), also with no field at all', () => {
    for (const proposed of [{}, { overallScore: 168 }, { grade: 'C', cefrLevel: 'Council of Europe Level B2' }, { components: [...published.components].reverse() }]) {
      assert.throws(() => when([publishedEvent], amend(proposed)), refused('unprocessable', 'RESULT.NO_CHANGE'), JSON.stringify(proposed));
    }
  });

  it('replaces the components when a score or a skill differs, and refuses a skill twice', () => {
    const components = [
      { skill: 'Reading', score: 170 },
      { skill: 'Writing', score: 171 },
    ];
    const [event] = when([publishedEvent], amend({ components }));
    assert.ok(event?.type === 'ResultAmended');
    assert.deepEqual(event.data.changes, { components });
    assert.deepEqual(event.data.current.components, components);
    const fewer = when([publishedEvent], amend({ components: [{ skill: 'Reading', score: 170 }] }));
    assert.equal(fewer.length, 1);
    const renamed = when([publishedEvent], amend({ components: [{ skill: 'Reading', score: 170 }, { skill: 'Speaking', score: 166 }] }));
    assert.equal(renamed.length, 1);
    assert.throws(
      () => when([publishedEvent], amend({ components: [{ skill: 'Reading', score: 1 }, { skill: 'READING', score: 2 }] })),
      refused('invalid', 'RESULT.DUPLICATE_SKILL'),
    );
  });

  it('amends again on top of the last amendment, keeping the history oldest first', () => {
    const first = when([publishedEvent], amend({ overallScore: 175 }, 'first'));
    const second = when([publishedEvent, ...first], amend({ overallScore: 168 }, 'second'));
    const [event] = second;
    assert.ok(event?.type === 'ResultAmended');
    assert.deepEqual(event.data.changes, { overallScore: 168 });
    const state = given([publishedEvent, ...first, ...second]);
    assert.ok(state.status !== 'none');
    assert.deepEqual(state.amendments.map((a) => a.reason), ['first', 'second']);
    assert.equal(state.result.overallScore, 168);
  });

  it('refuses to amend a result that does not exist (404) or was withdrawn (409)', () => {
    assert.throws(() => when([], amend({ overallScore: 1 })), refused('not-found', 'RESULT.NOT_FOUND'));
    const withdrawn = when([publishedEvent], withdraw());
    assert.throws(() => when([publishedEvent, ...withdrawn], amend({ overallScore: 1 })), refused('conflict', 'RESULT.WITHDRAWN'));
  });
});

describe('Result decider: withdrawal', () => {
  it('withdraws a published result with its reason and time', () => {
    const events = when([publishedEvent], withdraw());
    assert.deepEqual(events, [{ type: 'ResultWithdrawn', data: { resultId: 'r-1', withdrawnAt: AT, reason: 'Malpractice' } }]);
    const state = given([publishedEvent, ...events]);
    assert.ok(state.status === 'withdrawn');
    assert.deepEqual(state.withdrawal, { at: AT, reason: 'Malpractice' });
  });

  it('withdraws an amended result too, and a second withdrawal changes nothing', () => {
    const amended = when([publishedEvent], amend({ grade: 'B' }));
    const withdrawn = when([publishedEvent, ...amended], withdraw());
    assert.equal(withdrawn.length, 1);
    assert.deepEqual(when([publishedEvent, ...amended, ...withdrawn], withdraw('again', '2026-09-01T00:00:00.000Z')), []);
  });

  it('refuses to withdraw a result that does not exist (404)', () => {
    assert.throws(() => when([], withdraw()), refused('not-found', 'RESULT.NOT_FOUND'));
  });

  it('ignores an amendment or a withdrawal found before any publication (a corrupt stream) rather than inventing a result', () => {
    const amended: ResultEvent = {
      type: 'ResultAmended',
      data: { resultId: 'r-1', amendedAt: AT, reason: 'x', changes: { grade: 'B' }, current: { ...published, grade: 'B' } },
    };
    assert.deepEqual(given([amended]), { status: 'none' });
    assert.deepEqual(given([{ type: 'ResultWithdrawn', data: { resultId: 'r-1', withdrawnAt: AT, reason: 'x' } }]), { status: 'none' });
  });
});

describe('changesOf', () => {
  it('compares each amendable field with the current value; components by skill and score, in any order', () => {
    assert.deepEqual(changesOf(published, {}), {});
    assert.deepEqual(changesOf(published, { components: [{ skill: 'Writing', score: 166 }, { skill: 'Reading', score: 170 }] }), {});
    assert.deepEqual(changesOf(published, { components: [{ skill: 'reading', score: 170 }, { skill: 'Writing', score: 166 }] }), {
      components: [{ skill: 'reading', score: 170 }, { skill: 'Writing', score: 166 }],
    });
    assert.deepEqual(changesOf(published, { overallScore: 0 }), { overallScore: 0 });
    assert.deepEqual(changesOf(published, { grade: 'A', cefrLevel: 'C2' }), { grade: 'A', cefrLevel: 'C2' });
  });
});
