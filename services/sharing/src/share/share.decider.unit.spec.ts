import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { READ_ALREADY_MESSAGE, RESTRICTED_MESSAGE, shareDecider, type ShareCommand, type ShareState } from './share.decider.js';
import { invitedRecipientIdOf, invitedShareIdOf, shareIdOf, type RecipientSnapshot, type ResultSharedData, type SharePendingData, type ShareEvent } from './share.events.js';

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
const refs = { shareId, resultId: 'result-1', recipientId: 'recipient-1', organisationId: 'org-1' };

/** given events, when a command: the events it decides. */
function given(events: ShareEvent[]) {
  const state = fold(events);
  return { when: (command: ShareCommand) => shareDecider.decide(command, state) };
}
const fold = (events: ShareEvent[]) => events.reduce<ShareState>((s, e) => shareDecider.evolve(s, e), shareDecider.initialState);
const isDomainError = (code: string, kind?: string) => (e: unknown) => e instanceof DomainError && e.code === code && (kind === undefined || e.kind === kind);
const sharedEvent: ShareEvent = { type: 'ResultShared', data: shared };
const readEvent: ShareEvent = {
  type: 'ResultRead',
  data: { ...refs, readAt: '2026-11-03T09:00:00.000Z', readBy: 'org-user-1' },
};
const withdrawnByCandidate: ShareEvent = {
  type: 'ShareWithdrawn',
  data: { ...refs, withdrawnAt: '2026-11-02T11:00:00.000Z', by: 'candidate', reason: null },
};
const withdrawnByCentre: ShareEvent = {
  type: 'ShareWithdrawn',
  data: { ...refs, withdrawnAt: '2026-11-05T11:00:00.000Z', by: 'exam-centre', reason: 'Malpractice' },
};
const withdraw = (candidateId = 'cand-1'): ShareCommand => ({ type: 'WithdrawShare', data: { candidateId, withdrawnAt: '2026-11-02T11:00:00.000Z' } });
const withdrawForResult: ShareCommand = { type: 'WithdrawForResult', data: { withdrawnAt: '2026-11-05T11:00:00.000Z', reason: 'Malpractice' } };

const invitationId = 'inv-1';
const pendingId = invitedShareIdOf('result-1', invitationId);
const pending: SharePendingData = {
  shareId: pendingId,
  resultId: 'result-1',
  candidateId: 'cand-1',
  invitationId,
  organisationName: 'Kyoto Language School',
  candidate: shared.candidate,
  result: shared.result,
  consent: shared.consent,
  requestedAt: '2026-11-01T08:00:00.000Z',
};
const pendingEvent: ShareEvent = { type: 'SharePending', data: pending };
const request = (consented = true): ShareCommand => ({ type: 'RequestShareToInvitation', data: pending, consented });
const joined: RecipientSnapshot = {
  recipientId: invitedRecipientIdOf(invitationId),
  organisationId: 'org-9',
  organisationName: 'Kyoto Language School',
  department: null,
  kind: 'education',
};
const deliver = (over: Partial<Extract<ShareCommand, { type: 'DeliverPending' }>['data']> = {}): ShareCommand => ({
  type: 'DeliverPending',
  data: { recipient: joined, sharedAt: '2026-11-04T08:00:00.000Z', restrictions: [], ...over },
});
const lapse: ShareCommand = { type: 'LapsePending', data: { lapsedAt: '2026-11-15T00:00:00.000Z' } };
const recordDelivery: ShareCommand = { type: 'RecordDelivery', data: { deliveredAt: '2026-11-02T10:00:01.000Z', channel: 'webhook' } };
const amended = { ...shared.result, overallScore: 172, grade: 'B' };
const amend = (amendedAt = '2026-11-06T09:00:00.000Z'): ShareCommand => ({
  type: 'AmendShare',
  data: { amendedAt, reason: 'Re-mark', changes: { overallScore: 172, grade: 'B' }, result: amended },
});
const amendedEvent: ShareEvent = {
  type: 'ShareAmended',
  data: { ...refs, amendedAt: '2026-11-06T09:00:00.000Z', reason: 'Re-mark', changes: { overallScore: 172, grade: 'B' }, result: amended },
};

describe('share decider: sending', () => {
  it('sends a result: ResultShared with the consent', () => {
    assert.deepEqual(given([]).when(send()), [sharedEvent]);
  });

  it('a repeat send records nothing new (unread or read)', () => {
    assert.deepEqual(given([sharedEvent]).when(send()), []);
    assert.deepEqual(given([sharedEvent, readEvent]).when(send()), []);
  });

  it('refuses without consent', () => {
    assert.throws(() => given([]).when(send({ consented: false })), isDomainError('SHARE.CONSENT_REQUIRED'));
  });

  it('refuses a no-immigration result to an immigration authority, with the exam-centre message', () => {
    const data = { ...shared, recipient: { ...shared.recipient, kind: 'immigration' as const } };
    assert.throws(
      () => given([]).when(send({ data, restrictions: ['no-immigration'] })),
      (e: unknown) => isDomainError('SHARE.RESTRICTED', 'unprocessable')(e) && (e as Error).message === RESTRICTED_MESSAGE,
    );
  });

  it('sends a no-immigration result to a university', () => {
    assert.equal(given([]).when(send({ restrictions: ['no-immigration'] })).length, 1);
  });

  it('a share the candidate withdrew can be sent again: a new ResultShared on the same stream, unread again', () => {
    const again = { ...shared, sharedAt: '2026-11-07T10:00:00.000Z' };
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(send({ data: again })), [{ type: 'ResultShared', data: again }]);
    const state = fold([sharedEvent, withdrawnByCandidate, { type: 'ResultShared', data: again }]);
    assert.ok(state.status === 'unread');
    assert.equal(state.withdrawal, null);
    assert.equal(state.readAt, null);
  });

  it('sending again after a withdrawal still honours consent and restrictions', () => {
    assert.throws(() => given([sharedEvent, withdrawnByCandidate]).when(send({ consented: false })), isDomainError('SHARE.CONSENT_REQUIRED'));
    const data = { ...shared, recipient: { ...shared.recipient, kind: 'immigration' as const } };
    assert.throws(() => given([sharedEvent, withdrawnByCandidate]).when(send({ data, restrictions: ['no-immigration'] })), isDomainError('SHARE.RESTRICTED'));
  });

  it('a share withdrawn because the exam centre withdrew the result is never sent again (422)', () => {
    assert.throws(() => given([sharedEvent, withdrawnByCentre]).when(send()), isDomainError('SHARE.RESULT_WITHDRAWN', 'unprocessable'));
  });

  it('sending to the account of an invitation whose share waits changes nothing (it is delivered when the organisation joins)', () => {
    assert.deepEqual(given([pendingEvent]).when(send()), []);
  });

  it('a lapsed share can be sent directly once the account exists', () => {
    const lapsed: ShareEvent = { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } };
    assert.equal(given([pendingEvent, lapsed]).when(send()).length, 1);
  });
});

describe('share decider: reading', () => {
  it('the first opening marks it read', () => {
    assert.deepEqual(given([sharedEvent]).when(read()), [readEvent]);
  });

  it('a second opening records nothing', () => {
    assert.deepEqual(given([sharedEvent, readEvent]).when(read('org-1', '2026-11-04T09:00:00.000Z')), []);
  });

  it('another organisation, or an unknown share, is not found', () => {
    assert.throws(() => given([sharedEvent]).when(read('org-2')), isDomainError('SHARE.NOT_FOUND'));
    assert.throws(() => given([]).when(read()), isDomainError('SHARE.NOT_FOUND'));
  });

  it('a pending or lapsed share is not found by anyone (it reached no organisation)', () => {
    assert.throws(() => given([pendingEvent]).when(read('org-9')), isDomainError('SHARE.NOT_FOUND'));
  });

  it('opening a withdrawn share never marks it read; another organisation still does not find it', () => {
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(read()), []);
    assert.throws(() => given([sharedEvent, withdrawnByCandidate]).when(read('org-2')), isDomainError('SHARE.NOT_FOUND'));
  });

  it('the evolved state says read and when', () => {
    const state = fold([sharedEvent, readEvent]);
    assert.ok(state.status === 'read');
    assert.equal(state.readAt, '2026-11-03T09:00:00.000Z');
  });
});

describe('share decider: withdrawal by the candidate', () => {
  it('an unread share is withdrawn: ShareWithdrawn by the candidate, no reason', () => {
    assert.deepEqual(given([sharedEvent]).when(withdraw()), [withdrawnByCandidate]);
  });

  it('once read it is refused: 409 with a message a person understands', () => {
    assert.throws(
      () => given([sharedEvent, readEvent]).when(withdraw()),
      (e: unknown) => isDomainError('SHARE.ALREADY_READ', 'conflict')(e) && (e as Error).message === READ_ALREADY_MESSAGE,
    );
  });

  it('withdrawing twice records nothing the second time', () => {
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(withdraw()), []);
    assert.deepEqual(given([sharedEvent, withdrawnByCentre]).when(withdraw()), []);
  });

  it("another candidate's share, or an unknown one, is not found", () => {
    assert.throws(() => given([sharedEvent]).when(withdraw('cand-2')), isDomainError('SHARE.NOT_FOUND', 'not-found'));
    assert.throws(() => given([]).when(withdraw()), isDomainError('SHARE.NOT_FOUND', 'not-found'));
    assert.throws(() => given([pendingEvent]).when(withdraw('cand-2')), isDomainError('SHARE.NOT_FOUND', 'not-found'));
  });

  it('a pending or lapsed share has nothing to withdraw (409)', () => {
    assert.throws(() => given([pendingEvent]).when(withdraw()), isDomainError('SHARE.NOT_DELIVERED', 'conflict'));
    const lapsed: ShareEvent = { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } };
    assert.throws(() => given([pendingEvent, lapsed]).when(withdraw()), isDomainError('SHARE.NOT_DELIVERED', 'conflict'));
  });

  it('a withdrawal and an opening decided on the same state: whichever is appended first wins, the other then sees it', () => {
    // runDecider appends at the version read: the loser reloads and decides again on the winner's state.
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(read()), []);
    assert.throws(() => given([sharedEvent, readEvent]).when(withdraw()), isDomainError('SHARE.ALREADY_READ'));
  });

  it('the evolved state keeps the withdrawal', () => {
    const state = fold([sharedEvent, withdrawnByCandidate]);
    assert.ok(state.status === 'withdrawn');
    assert.deepEqual(state.withdrawal, { at: '2026-11-02T11:00:00.000Z', by: 'candidate', reason: null });
  });
});

describe('share decider: the exam centre withdraws the result', () => {
  it('withdraws an unread or a read share, by the exam centre with its reason', () => {
    assert.deepEqual(given([sharedEvent]).when(withdrawForResult), [withdrawnByCentre]);
    assert.deepEqual(given([sharedEvent, readEvent]).when(withdrawForResult), [withdrawnByCentre]);
  });

  it('a share already withdrawn, or none, records nothing', () => {
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(withdrawForResult), []);
    assert.deepEqual(given([]).when(withdrawForResult), []);
  });

  it('a pending share lapses (reason result-withdrawn): it never reached the organisation', () => {
    assert.deepEqual(given([pendingEvent]).when(withdrawForResult), [
      { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-05T11:00:00.000Z', reason: 'result-withdrawn' } },
    ]);
  });
});

describe('share decider: a share to an invited organisation', () => {
  it('waits: SharePending under the id it keeps once delivered', () => {
    assert.deepEqual(given([]).when(request()), [pendingEvent]);
    assert.equal(pendingId, shareIdOf('result-1', invitedRecipientIdOf(invitationId)));
  });

  it('refuses without consent; a repeat records nothing', () => {
    assert.throws(() => given([]).when(request(false)), isDomainError('SHARE.CONSENT_REQUIRED'));
    assert.deepEqual(given([pendingEvent]).when(request()), []);
  });

  it('once delivered, asking again through the invitation is a conflict (send to the account)', () => {
    assert.throws(() => given([sharedEvent]).when(request()), isDomainError('SHARE.ALREADY_DELIVERED', 'conflict'));
  });

  it('after a lapse it can wait again', () => {
    const lapsed: ShareEvent = { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } };
    assert.deepEqual(given([pendingEvent, lapsed]).when(request()), [pendingEvent]);
  });

  it('is delivered when the organisation joins: ResultShared with the same shareId and the account', () => {
    assert.deepEqual(given([pendingEvent]).when(deliver()), [
      {
        type: 'ResultShared',
        data: {
          shareId: pendingId,
          resultId: 'result-1',
          candidateId: 'cand-1',
          recipient: joined,
          candidate: shared.candidate,
          result: shared.result,
          consent: shared.consent,
          sharedAt: '2026-11-04T08:00:00.000Z',
        },
      },
    ]);
  });

  it('is delivered with the result as it is now, when given', () => {
    const [event] = given([pendingEvent]).when(deliver({ result: amended }));
    assert.ok(event?.type === 'ResultShared');
    assert.deepEqual(event.data.result, amended);
  });

  it('a restricted result lapses instead of reaching an immigration authority', () => {
    assert.deepEqual(given([pendingEvent]).when(deliver({ recipient: { ...joined, kind: 'immigration' }, restrictions: ['no-immigration'] })), [
      { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-04T08:00:00.000Z', reason: 'restricted' } },
    ]);
  });

  it('delivering is only from pending: none, delivered or lapsed records nothing', () => {
    const delivered = given([pendingEvent]).when(deliver());
    assert.deepEqual(given([pendingEvent, ...delivered]).when(deliver()), []);
    assert.deepEqual(given([]).when(deliver()), []);
    const lapsed: ShareEvent = { type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } };
    assert.deepEqual(given([pendingEvent, lapsed]).when(deliver()), []);
  });

  it('lapses when the invitation expires, only from pending', () => {
    assert.deepEqual(given([pendingEvent]).when(lapse), [{ type: 'ShareLapsed', data: { shareId: pendingId, invitationId, lapsedAt: '2026-11-15T00:00:00.000Z' } }]);
    assert.deepEqual(given([]).when(lapse), []);
    assert.deepEqual(given([sharedEvent]).when(lapse), []);
    const delivered = given([pendingEvent]).when(deliver());
    assert.deepEqual(given([pendingEvent, ...delivered]).when(lapse), []);
  });

  it('the delivered state remembers the invitation', () => {
    const state = fold([pendingEvent, ...given([pendingEvent]).when(deliver())]);
    assert.ok(state.status === 'unread');
    assert.equal(state.invitationId, invitationId);
    assert.equal(state.share.recipient.organisationId, 'org-9');
  });

  it('the lapsed state says when and why', () => {
    const state = fold([pendingEvent, ...given([pendingEvent]).when(lapse)]);
    assert.ok(state.status === 'lapsed');
    assert.equal(state.lapsedAt, '2026-11-15T00:00:00.000Z');
    assert.equal(state.lapseReason, 'invitation-expired');
  });
});

describe('share decider: delivery to the organisation’s system', () => {
  it('is recorded once: ShareDelivered with the channel', () => {
    const delivered: ShareEvent = { type: 'ShareDelivered', data: { ...refs, deliveredAt: '2026-11-02T10:00:01.000Z', channel: 'webhook' } };
    assert.deepEqual(given([sharedEvent]).when(recordDelivery), [delivered]);
    assert.deepEqual(given([sharedEvent, delivered]).when(recordDelivery), []);
    assert.deepEqual(given([sharedEvent, readEvent, delivered]).when(recordDelivery), []);
  });

  it('a read share not yet recorded as delivered is recorded', () => {
    assert.equal(given([sharedEvent, readEvent]).when(recordDelivery).length, 1);
  });

  it('nothing is recorded for a share that was never sent (none, pending)', () => {
    assert.deepEqual(given([]).when(recordDelivery), []);
    assert.deepEqual(given([pendingEvent]).when(recordDelivery), []);
  });
});

describe('share decider: amendments', () => {
  it('an unread or read share gets ShareAmended with the current result', () => {
    assert.deepEqual(given([sharedEvent]).when(amend()), [amendedEvent]);
    assert.deepEqual(given([sharedEvent, readEvent]).when(amend()), [amendedEvent]);
  });

  it('the same amendment twice is recorded once; a later one again', () => {
    assert.deepEqual(given([sharedEvent, amendedEvent]).when(amend()), []);
    assert.equal(given([sharedEvent, amendedEvent]).when(amend('2026-11-07T09:00:00.000Z')).length, 1);
  });

  it('a withdrawn, pending or unknown share records nothing', () => {
    assert.deepEqual(given([sharedEvent, withdrawnByCandidate]).when(amend()), []);
    assert.deepEqual(given([pendingEvent]).when(amend()), []);
    assert.deepEqual(given([]).when(amend()), []);
  });

  it('the state holds the current result and the amendments, oldest first', () => {
    const state = fold([sharedEvent, readEvent, amendedEvent]);
    assert.ok(state.status === 'read');
    assert.deepEqual(state.share.result, amended);
    assert.deepEqual(state.amendments, [{ at: '2026-11-06T09:00:00.000Z', reason: 'Re-mark', changes: { overallScore: 172, grade: 'B' } }]);
  });
});

describe('share ids', () => {
  it('are deterministic and UUID-shaped', () => {
    assert.equal(shareIdOf('result-1', 'recipient-1'), shareId);
    assert.notEqual(shareIdOf('result-1', 'recipient-2'), shareId);
    assert.match(shareId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('an invitation’s account is the one the directory gives it (deterministicUuid of invitation-recipient:<id>)', () => {
    assert.match(invitedRecipientIdOf('inv-1'), /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(invitedShareIdOf('result-1', 'inv-1'), shareIdOf('result-1', invitedRecipientIdOf('inv-1')));
  });
});
