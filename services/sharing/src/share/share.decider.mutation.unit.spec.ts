// Cases StrykerJS showed unpinned (npm run test:mutation): the state a share evolves to, a read
// without a share, and the errors' kind, code and message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { CONSENT_MESSAGE, RESTRICTED_MESSAGE, shareDecider as decider, type ShareCommand, type ShareState } from './share.decider.js';
import { shareIdOf, type ResultSharedData, type ShareEvent } from './share.events.js';

const shareId = shareIdOf('result-1', 'recipient-1');
const shared: ResultSharedData = {
  shareId,
  resultId: 'result-1',
  candidateId: 'cand-1',
  recipient: { recipientId: 'recipient-1', organisationId: 'org-1', organisationName: 'Border Agency', department: null, kind: 'immigration' },
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
const given = (events: ShareEvent[]) => events.reduce<ShareState>((s, e) => decider.evolve(s, e), decider.initialState);
const send = (restrictions: string[], consented: boolean): ShareCommand => ({ type: 'SendResult', data: shared, restrictions, consented });
const readEvent: ShareEvent = {
  type: 'ResultRead',
  data: { shareId, resultId: 'result-1', recipientId: 'recipient-1', organisationId: 'org-1', readAt: '2026-11-03T09:00:00.000Z', readBy: 'u-1' },
};
const error = (kind: string, code: string, message: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === kind && e.code === code && e.message === message;

describe('share decider (mutation cases)', () => {
  it('a share evolves to unread, then read; a read without a share changes nothing', () => {
    const fresh = { deliveredAt: null, withdrawal: null, amendments: [], invitationId: null };
    assert.deepEqual(given([{ type: 'ResultShared', data: shared }]), { status: 'unread', share: shared, readAt: null, readBy: null, ...fresh });
    assert.deepEqual(given([{ type: 'ResultShared', data: shared }, readEvent]), {
      status: 'read',
      share: shared,
      readAt: '2026-11-03T09:00:00.000Z',
      readBy: 'u-1',
      ...fresh,
    });
    assert.deepEqual(given([readEvent]), { status: 'none' });
  });

  it('errors carry their kind, code and message', () => {
    assert.equal(CONSENT_MESSAGE, 'You must consent to share your result.');
    assert.equal(RESTRICTED_MESSAGE, 'This result cannot be sent to immigration authorities. Please raise this with your exam centre.');
    assert.throws(() => decider.decide(send([], false), given([])), error('invalid', 'SHARE.CONSENT_REQUIRED', CONSENT_MESSAGE));
    assert.throws(() => decider.decide(send(['no-immigration'], true), given([])), error('unprocessable', 'SHARE.RESTRICTED', RESTRICTED_MESSAGE));
    assert.throws(
      () => decider.decide({ type: 'ReadShare', data: { organisationId: 'org-1', readAt: 'x', readBy: 'u-1' } }, given([])),
      error('not-found', 'SHARE.NOT_FOUND', 'No such shared result.'),
    );
  });
  it('events without a share, or out of order, change nothing', () => {
    const ref = { shareId, resultId: 'result-1', recipientId: 'recipient-1', organisationId: 'org-1' };
    const orphans: ShareEvent[] = [
      { type: 'ShareWithdrawn', data: { ...ref, withdrawnAt: 'x', by: 'candidate', reason: null } },
      { type: 'ShareDelivered', data: { ...ref, deliveredAt: 'x', channel: 'feed' } },
      { type: 'ShareAmended', data: { ...ref, amendedAt: 'x', reason: 'r', changes: { grade: 'B' }, result: shared.result } },
      { type: 'ShareLapsed', data: { shareId, invitationId: 'inv-1', lapsedAt: 'x' } },
    ];
    for (const orphan of orphans) assert.deepEqual(given([orphan]), { status: 'none' });
    // A read after a withdrawal, a lapse after delivery: ignored.
    const withdrawn = given([{ type: 'ResultShared', data: shared }, orphans[0]]);
    assert.equal(decider.evolve(withdrawn, readEvent), withdrawn);
    assert.equal(decider.evolve(withdrawn, orphans[3]), withdrawn);
  });

  it('a share sent again after a withdrawal keeps its delivery and amendments, and is unread', () => {
    const ref = { shareId, resultId: 'result-1', recipientId: 'recipient-1', organisationId: 'org-1' };
    const state = given([
      { type: 'ResultShared', data: shared },
      { type: 'ShareDelivered', data: { ...ref, deliveredAt: 'd', channel: 'feed' } },
      { type: 'ShareAmended', data: { ...ref, amendedAt: 'a', reason: 'r', changes: { grade: 'B' }, result: shared.result } },
      { type: 'ShareWithdrawn', data: { ...ref, withdrawnAt: 'w', by: 'candidate', reason: null } },
      { type: 'ResultShared', data: shared },
    ]);
    assert.deepEqual(state, {
      status: 'unread',
      share: shared,
      readAt: null,
      readBy: null,
      deliveredAt: 'd',
      withdrawal: null,
      amendments: [{ at: 'a', reason: 'r', changes: { grade: 'B' } }],
      invitationId: null,
    });
  });

  it('refuses a command or an event of a type it does not know (a newer writer, a corrupt stream)', () => {
    const nope = { type: 'Nope' } as never;
    assert.throws(() => decider.decide(nope, decider.initialState), { message: 'unknown command {"type":"Nope"}' });
    assert.throws(() => decider.evolve(decider.initialState, nope), { message: 'unknown event {"type":"Nope"}' });
  });
});
