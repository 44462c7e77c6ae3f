import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { RESTRICTED_MESSAGE, shareDecider, type ShareCommand, type ShareState } from './share.decider.js';
import { shareIdOf, type ResultSharedData, type ShareEvent } from './share.events.js';

const shareId = shareIdOf('result-1', 'recipient-1');
const shared: ResultSharedData = {
  shareId,
  resultId: 'result-1',
  candidateId: 'cand-1',
  recipient: { recipientId: 'recipient-1', organisationId: 'org-1', organisationName: 'Waseda University', department: 'Admissions', kind: 'education' },
  candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', idNumber: 'C40192837' },
  result: {
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: [{ skill: 'Reading', score: 170 }],
    examDate: '2026-06-14',
    verificationCode: 'ABCD-EFGH-JKLM',
  },
  consent: { textVersion: '2026-11-v1', givenAt: '2026-11-02T10:00:00.000Z' },
  sharedAt: '2026-11-02T10:00:00.000Z',
};
const send = (over: Partial<Extract<ShareCommand, { type: 'SendResult' }>> = {}): ShareCommand => ({
  type: 'SendResult',
  data: shared,
  restrictions: [],
  consented: true,
  ...over,
});
const read = (organisationId = 'org-1', readAt = '2026-11-03T09:00:00.000Z'): ShareCommand => ({
  type: 'ReadShare',
  data: { organisationId, readAt, readBy: 'org-user-1' },
});

/** given events, when a command: the events it decides. */
function given(events: ShareEvent[]) {
  const state = events.reduce<ShareState>((s, e) => shareDecider.evolve(s, e), shareDecider.initialState);
  return { when: (command: ShareCommand) => shareDecider.decide(command, state) };
}
const isDomainError = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;
const readEvent: ShareEvent = {
  type: 'ResultRead',
  data: { shareId, resultId: 'result-1', recipientId: 'recipient-1', organisationId: 'org-1', readAt: '2026-11-03T09:00:00.000Z', readBy: 'org-user-1' },
};

describe('share decider', () => {
  it('sends a result: ResultShared with the consent', () => {
    assert.deepEqual(given([]).when(send()), [{ type: 'ResultShared', data: shared }]);
  });

  it('a repeat send records nothing new', () => {
    assert.deepEqual(given([{ type: 'ResultShared', data: shared }]).when(send()), []);
  });

  it('refuses without consent', () => {
    assert.throws(() => given([]).when(send({ consented: false })), isDomainError('SHARE.CONSENT_REQUIRED'));
  });

  it('refuses a no-immigration result to an immigration authority, with the exam-centre message', () => {
    const data = { ...shared, recipient: { ...shared.recipient, kind: 'immigration' as const } };
    assert.throws(
      () => given([]).when(send({ data, restrictions: ['no-immigration'] })),
      (e: unknown) => isDomainError('SHARE.RESTRICTED')(e) && (e as DomainError).kind === 'unprocessable' && (e as Error).message === RESTRICTED_MESSAGE,
    );
  });

  it('sends a no-immigration result to a university', () => {
    assert.equal(given([]).when(send({ restrictions: ['no-immigration'] })).length, 1);
  });

  it('the first opening marks it read', () => {
    assert.deepEqual(given([{ type: 'ResultShared', data: shared }]).when(read()), [readEvent]);
  });

  it('a second opening records nothing', () => {
    assert.deepEqual(given([{ type: 'ResultShared', data: shared }, readEvent]).when(read('org-1', '2026-11-04T09:00:00.000Z')), []);
  });

  it('another organisation, or an unknown share, is not found', () => {
    assert.throws(() => given([{ type: 'ResultShared', data: shared }]).when(read('org-2')), isDomainError('SHARE.NOT_FOUND'));
    assert.throws(() => given([]).when(read()), isDomainError('SHARE.NOT_FOUND'));
  });

  it('the evolved state says read and when', () => {
    const state = [{ type: 'ResultShared', data: shared } as ShareEvent, readEvent].reduce<ShareState>(
      (s, e) => shareDecider.evolve(s, e),
      shareDecider.initialState,
    );
    assert.ok(state.status === 'read');
    assert.equal(state.readAt, '2026-11-03T09:00:00.000Z');
  });

  it('share ids are deterministic and UUID-shaped', () => {
    assert.equal(shareIdOf('result-1', 'recipient-1'), shareId);
    assert.notEqual(shareIdOf('result-1', 'recipient-2'), shareId);
    assert.match(shareId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
