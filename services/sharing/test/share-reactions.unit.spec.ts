import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { invitedRecipientName, type ResultAmendedV1, type ResultPublishedV1 } from '#libs/contracts';
import { deterministicUuid, DomainError } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { envelopeOf, expectEventually } from '#libs/testing';
import { catchUpWithResult, reactionsToResult } from '../src/lifecycle/result-reactions.js';
import { deliveryOf, lapseOf } from '../src/lifecycle/pending-deliveries.js';
import { PendingSharesJob } from '../src/lifecycle/pending-shares.job.js';
import { JobLease } from '../src/lifecycle/job-lease.js';
import { evolveInvitation, InvitationsProjection, invitedRecipientIdOf } from '../src/projections/invitations.projection.js';
import { evolveOrganisation, RecipientErrors, RecipientsProjection, type RecipientAccount } from '../src/projections/recipients.projection.js';
import { RESULT_WITHDRAWN, ResultsProjection, type ResultEvent, type SharableResult } from '../src/projections/results.projection.js';
import { SharesProjection } from '../src/projections/shares.projection.js';
import { shareDecider } from '../src/share/share.decider.js';
import { shareIdOf, shareStreamId } from '../src/share/share.events.js';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';
import { WebhookReceiver } from './webhook-receiver.js';

process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
process.env.WEBHOOK_POLL_MS = '25';
process.env.WEBHOOK_SETTLE_MS = '50';

const amended = (resultId: string, amendedAt: string, overallScore: number): ResultAmendedV1 => ({
  resultId,
  amendedAt,
  reason: 'Re-marked on appeal',
  changes: { overallScore },
  result: {
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore,
    grade: 'B',
    components: [{ skill: 'Reading', score: 170 }],
    examDate: '2026-06-14',
    verificationCode: 'VCODE1',
  },
});
const envelope = <T extends ResultEvent['type']>(type: T, data: unknown, aggregateVersion: number) =>
  ({ ...envelopeOf(type, data as never, { aggregateId: 'r', aggregateVersion }) }) as unknown as ResultEvent;

describe('sharing reactions (pure)', () => {
  const shares = [
    { _id: 's-unread', status: 'unread' as const },
    { _id: 's-read', status: 'read' as const },
    { _id: 's-pending', status: 'pending' as const },
    { _id: 's-withdrawn', status: 'withdrawn' as const },
    { _id: 's-lapsed', status: 'lapsed' as const },
  ];

  it('an amendment goes to every share of the result (the decider records it on delivered ones), with its time, reason, changes and the current result', () => {
    const reactions = reactionsToResult(envelope('ResultAmended', amended('r1', '2026-12-01T10:00:00.000Z', 180), 2), shares);
    assert.deepEqual(reactions.map((r) => r.shareId), shares.map((s) => s._id));
    const command = reactions[0].command;
    assert.equal(command.type, 'AmendShare');
    if (command.type !== 'AmendShare') return;
    assert.equal(command.data.amendedAt, '2026-12-01T10:00:00.000Z');
    assert.deepEqual(command.data.changes, { overallScore: 180 });
    assert.equal(command.data.result.overallScore, 180);
  });

  it('a withdrawal of the result goes to every share of it (the decider withdraws delivered ones, lapses pending ones); published results change nothing', () => {
    const withdrawn = envelope('ResultWithdrawn', { resultId: 'r1', withdrawnAt: '2026-12-01T11:00:00.000Z', reason: 'Malpractice' }, 3);
    const reactions = reactionsToResult(withdrawn, shares);
    assert.deepEqual(reactions.map((r) => r.shareId), shares.map((s) => s._id));
    assert.deepEqual(reactions[2].command, { type: 'WithdrawForResult', data: { withdrawnAt: '2026-12-01T11:00:00.000Z', reason: 'Malpractice' } });
    assert.deepEqual(reactionsToResult(envelope('ResultPublished', {}, 1), shares), []);
  });

  const result = (over: Partial<SharableResult> = {}): SharableResult => ({
    _id: 'r1',
    _version: 1,
    idNumber: 'C1',
    candidate: { name: 'A', dateOfBirth: '2001-01-01' },
    details: { qualification: 'Q', cefrLevel: 'B2', overallScore: 170, grade: 'C', components: [{ skill: 'Reading', score: 170 }], examDate: '2026-06-14' },
    releaseAt: '2026-01-01T00:00:00.000Z',
    restrictions: ['no-immigration'],
    verificationCode: 'V1',
    ...over,
  });

  it('a share sent as its result changed catches up: amended when it holds an older version, withdrawn when the result was withdrawn', () => {
    const sentOld = { shareId: 's1', result: { ...result().details, verificationCode: 'V1' } };
    assert.equal(catchUpWithResult(sentOld, result()), null, 'never amended');
    assert.equal(catchUpWithResult(sentOld, null), null);
    const current = result({ details: { ...result().details, overallScore: 180 }, lastAmendment: { at: '2026-12-01T10:00:00.000Z', reason: 'Re-mark', changes: { overallScore: 180 } } });
    const catchUp = catchUpWithResult(sentOld, current);
    assert.equal(catchUp?.command.type, 'AmendShare');
    const sentNew = { shareId: 's1', result: { ...current.details, verificationCode: 'V1' } };
    assert.equal(catchUpWithResult(sentNew, current), null, 'sent after the amendment: up to date');
    const gone = catchUpWithResult(sentNew, result({ withdrawn: { at: '2026-12-02T00:00:00.000Z', reason: 'Void' } }));
    assert.deepEqual(gone?.command, { type: 'WithdrawForResult', data: { withdrawnAt: '2026-12-02T00:00:00.000Z', reason: 'Void' } });
  });

  const account: RecipientAccount = {
    _id: 'acc',
    _version: 2,
    organisationId: 'org',
    organisationName: 'Aurora Polytechnic',
    department: null,
    kind: 'education',
    country: 'Japan',
    active: true,
    approved: true,
  };

  it('a pending share is delivered to the account as it now is, with the result as it now is and its restrictions; lapses when the result was withdrawn', () => {
    const amendedResult = result({ details: { ...result().details, overallScore: 181 } });
    const delivery = deliveryOf({ _id: 's1' }, account, amendedResult, '2026-12-02T00:00:00.000Z');
    assert.equal(delivery.command.type, 'DeliverPending');
    if (delivery.command.type !== 'DeliverPending') return;
    assert.deepEqual(delivery.command.data.recipient, { recipientId: 'acc', organisationId: 'org', organisationName: 'Aurora Polytechnic', department: null, kind: 'education' });
    assert.equal(delivery.command.data.result?.overallScore, 181);
    assert.deepEqual(delivery.command.data.restrictions, ['no-immigration']);
    assert.equal(delivery.command.data.sharedAt, '2026-12-02T00:00:00.000Z');
    assert.equal(deliveryOf({ _id: 's1' }, account, result({ withdrawn: { at: 'x', reason: 'y' } }), 'now').command.type, 'WithdrawForResult');
    assert.deepEqual(lapseOf({ _id: 's1' }, '2026-12-03T00:00:00.000Z'), { shareId: 's1', command: { type: 'LapsePending', data: { lapsedAt: '2026-12-03T00:00:00.000Z' } } });
  });

  it('an organisation folds registration (approved unless it says otherwise), edits and account changes; an account no longer listed stays, inactive', () => {
    const reg = (recipients: { recipientId: string; department: string | null }[], approved?: boolean) =>
      envelopeOf('OrganisationRegistered', { organisationId: 'o', name: 'Kanto', kind: 'education', country: 'Japan', website: null, email: null, aliases: [], recipients, firstUser: null, ...(approved === undefined ? {} : { approved }) }, { aggregateId: 'o' });
    const first = evolveOrganisation(null, reg([{ recipientId: 'a', department: 'Law' }]))!;
    assert.equal(first.approved, true);
    const doc = { ...first, _id: 'o', _version: 1 };
    assert.equal(evolveOrganisation(null, reg([], false))!.approved, false);
    const again = evolveOrganisation(doc, reg([{ recipientId: 'b', department: 'Science' }]))!;
    assert.deepEqual(again.accounts, [{ recipientId: 'b', department: 'Science', active: true }, { recipientId: 'a', department: 'Law', active: false }]);
    const renamed = evolveOrganisation(doc, envelopeOf('OrganisationUpdated', { organisationId: 'o', name: 'Kanto Univ.', kind: 'education', country: 'Japan', website: null, aliases: [], approved: true }, { aggregateId: 'o' }))!;
    assert.equal(renamed.name, 'Kanto Univ.');
    assert.deepEqual(renamed.accounts, doc.accounts);
    const off = evolveOrganisation(doc, envelopeOf('RecipientAccountUpdated', { organisationId: 'o', recipientId: 'a', department: 'Law School', active: false }, { aggregateId: 'o' }))!;
    assert.deepEqual(off.accounts, [{ recipientId: 'a', department: 'Law School', active: false }]);
    const added = evolveOrganisation(doc, envelopeOf('RecipientAccountUpdated', { organisationId: 'o', recipientId: 'c', department: 'Medicine', active: true }, { aggregateId: 'o' }))!;
    assert.equal(added.accounts.length, 2);
    assert.equal(evolveOrganisation(null, envelopeOf('RecipientAccountUpdated', { organisationId: 'o', recipientId: 'c', department: null, active: true }, { aggregateId: 'o' })), null);
  });

  it('an invitation without expiresAt expires 14 days after it was issued; accepting keeps it and names the account, the one derived from its id', () => {
    const invited = envelopeOf('InstitutionInvited', { invitationId: 'i1', organisationName: 'Aurora', email: 'a@aurora.example', website: 'https://aurora.example', domain: 'aurora.example', invitedBy: 'cand' }, { aggregateId: 'aurora.example' });
    const doc = { ...evolveInvitation(null, { ...invited, occurredAt: '2026-12-01T00:00:00.000Z' })!, _id: 'i1', _version: 1 };
    assert.equal(doc.expiresAt, '2026-12-15T00:00:00.000Z');
    assert.equal(doc.status, 'pending');
    assert.equal(doc.invitedRecipientId, deterministicUuid(invitedRecipientName('i1')));
    const accepted = evolveInvitation(doc, envelopeOf('InvitationAccepted', { invitationId: 'i1', organisationId: 'o1', recipientId: doc.invitedRecipientId }, { aggregateId: 'aurora.example', aggregateVersion: 2 }))!;
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.recipientId, doc.invitedRecipientId);
  });
});

describe('a scheduled job across instances (JobLease)', () => {
  it('runs on one instance at a time, once per period, and is taken over when its holder stops answering', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'job-lease-'));
    const documents = await FileDocumentStore.open(dir);
    try {
      let t = 1_000_000;
      const now = () => t;
      const [a, b] = [new JobLease(documents, 'sweep', { holdMs: 60_000, everyMs: 5_000 }), new JobLease(documents, 'sweep', { holdMs: 60_000, everyMs: 5_000 })];
      const runs: string[] = [];
      let release!: () => void;
      const started = (name: string) => expectEventually(() => assert.ok(runs.includes(name)), { intervalMs: 1 });
      const holding = a.runIfDue(now, () => new Promise<void>((resolve) => ((release = resolve), runs.push('a'))));
      await started('a');
      assert.equal(await b.runIfDue(now, async () => void runs.push('b')), false, 'held by a');
      release();
      assert.equal(await holding, true);
      assert.equal(await b.runIfDue(now, async () => void runs.push('b')), false, 'not due before the period');
      t += 5_000;
      assert.equal(await b.runIfDue(now, async () => void runs.push('b')), true);
      // A holder that never finishes (a crash mid-run) is taken over once its claim lapses.
      t += 5_000;
      void a.runIfDue(now, () => new Promise<void>(() => runs.push('a-stuck')));
      await started('a-stuck');
      assert.equal(await b.runIfDue(now, async () => void runs.push('b')), false);
      t += 60_001;
      assert.equal(await b.runIfDue(now, async () => void runs.push('b')), true);
      assert.deepEqual(runs, ['a', 'b', 'a-stuck', 'b']);
    } finally {
      await documents.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sharing reactions (the service)', () => {
  let h: SharingHarness;
  let store: EventStore;
  let shares: SharesProjection;

  before(async () => {
    h = await SharingHarness.start();
    store = h.app.get(EventStore);
    shares = h.app.get(SharesProjection);
  });
  after(async () => {
    await h.close();
  });

  const meta = { correlationId: randomUUID(), causationId: null, actor: 'test' };
  /** A share as the send handler would record it (straight through the decider). */
  const shareOf = async (result: ResultPublishedV1, org: Organisation, recipient = org.recipients[0]) => {
    const shareId = shareIdOf(result.resultId, recipient.recipientId);
    const now = new Date().toISOString();
    await runDecider(store, shareStreamId(shareId), shareDecider, {
      type: 'SendResult',
      consented: true,
      restrictions: [],
      data: {
        shareId,
        resultId: result.resultId,
        candidateId: 'cand-1',
        recipient: { recipientId: recipient.recipientId, organisationId: org.organisationId, organisationName: 'Org', department: recipient.department, kind: 'education' },
        candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
        result: { qualification: result.qualification, cefrLevel: result.cefrLevel, overallScore: result.overallScore, grade: result.grade, components: result.components, examDate: result.examDate, verificationCode: result.verificationCode },
        consent: { textVersion: 'test', givenAt: now },
        sharedAt: now,
      },
    }, meta);
    return shareId;
  };
  const pendingShareOf = async (result: ResultPublishedV1, invitationId: string) => {
    const shareId = shareIdOf(result.resultId, invitedRecipientIdOf(invitationId));
    const now = new Date().toISOString();
    await runDecider(store, shareStreamId(shareId), shareDecider, {
      type: 'RequestShareToInvitation',
      consented: true,
      data: {
        shareId,
        resultId: result.resultId,
        candidateId: 'cand-1',
        invitationId,
        organisationName: 'Aurora Polytechnic',
        candidate: { name: result.candidate.name, dateOfBirth: result.candidate.dateOfBirth, idNumber: result.idNumber },
        result: { qualification: result.qualification, cefrLevel: result.cefrLevel, overallScore: result.overallScore, grade: result.grade, components: result.components, examDate: result.examDate, verificationCode: result.verificationCode },
        consent: { textVersion: 'test', givenAt: now },
        requestedAt: now,
      },
    }, meta);
    return shareId;
  };
  const statusOf = async (shareId: string) => (await shares.view.findOne({ _id: shareId }))?.status;
  const invite = async (invitationId: string, expiresAt?: string) => {
    const domain = `${invitationId}.example`;
    await h.feed(envelopeOf('InstitutionInvited', { invitationId, organisationName: 'Aurora Polytechnic', email: `office@${domain}`, website: `https://${domain}`, domain, invitedBy: 'cand-1', ...(expiresAt ? { expiresAt } : {}) }, { aggregateId: domain }));
    return domain;
  };
  const joined = async (invitationId: string, approved?: boolean) => {
    const organisationId = randomUUID();
    const recipientId = invitedRecipientIdOf(invitationId);
    await h.feed(envelopeOf('OrganisationRegistered', { organisationId, name: 'Aurora Polytechnic', kind: 'education', country: 'Japan', website: null, email: null, aliases: [], recipients: [{ recipientId, department: null }], firstUser: null, ...(approved === undefined ? {} : { approved }) }, { aggregateId: organisationId }));
    return { organisationId, recipientId };
  };

  it('a deactivated account or an organisation awaiting approval refuses new shares (422), renames reach new snapshots', async () => {
    const org = await registerOrganisation(h, 'Kanto University', 'education', ['Law', 'Science']);
    const recipients = h.app.get(RecipientsProjection);
    const [law, science] = org.recipients;
    await h.feed(envelopeOf('RecipientAccountUpdated', { organisationId: org.organisationId, recipientId: law.recipientId, department: 'Law', active: false }, { aggregateId: org.organisationId, aggregateVersion: 2 }));
    await h.feed(envelopeOf('OrganisationUpdated', { organisationId: org.organisationId, name: 'Kanto National University', kind: 'education', country: 'Japan', website: null, aliases: [], approved: true }, { aggregateId: org.organisationId, aggregateVersion: 3 }));
    await assert.rejects(recipients.findActive(law.recipientId), (e: DomainError) => e.code === RecipientErrors.INACTIVE && e.kind === 'unprocessable');
    assert.equal((await recipients.findActive(science.recipientId))?.organisationName, 'Kanto National University');
    // A repeat of the older event changes nothing.
    await h.feed(envelopeOf('RecipientAccountUpdated', { organisationId: org.organisationId, recipientId: law.recipientId, department: 'Law', active: true }, { aggregateId: org.organisationId, aggregateVersion: 2 }));
    assert.equal((await recipients.find(law.recipientId))?.active, false);
    const { recipientId } = await joined(randomUUID(), false);
    await assert.rejects(recipients.findActive(recipientId), (e: DomainError) => e.code === RecipientErrors.AWAITING_APPROVAL);
  });

  it('an amended result reaches every delivered share of it once, however often the amendment is consumed; a withdrawn one withdraws them and refuses to be sent', async () => {
    const org = await registerOrganisation(h, 'Amend College', 'education', ['Admissions', 'Graduate School']);
    const result = await publishResult(h, 'C40000001');
    const a = await shareOf(result, org, org.recipients[0]);
    const b = await shareOf(result, org, org.recipients[1]);
    await expectEventually(async () => assert.equal(await statusOf(b), 'unread'));
    const amendment = amended(result.resultId, new Date().toISOString(), 185);
    const event = envelopeOf('ResultAmended', amendment, { aggregateId: `result-${result.resultId}`, aggregateVersion: 2 });
    await h.feed(event);
    // Redelivered under another id (a producer's retry): the amendment's time tells it is the same.
    await h.feed({ ...event, eventId: randomUUID() });
    await expectEventually(() => {
      assert.equal(h.ofType('ShareAmended', a).length, 1);
      assert.equal(h.ofType('ShareAmended', b).length, 1);
    });
    assert.equal((h.ofType('ShareAmended', a)[0].data as { result: { overallScore: number } }).result.overallScore, 185);
    assert.equal((await h.app.get(ResultsProjection).find(result.resultId))?.details.overallScore, 185);

    await h.feed(envelopeOf('ResultWithdrawn', { resultId: result.resultId, withdrawnAt: new Date().toISOString(), reason: 'Malpractice' }, { aggregateId: `result-${result.resultId}`, aggregateVersion: 3 }));
    await expectEventually(() => {
      for (const id of [a, b]) {
        const withdrawn = h.ofType('ShareWithdrawn', id);
        assert.equal(withdrawn.length, 1);
        assert.equal((withdrawn[0].data as { by: string }).by, 'exam-centre');
      }
    });
    await assert.rejects(h.app.get(ResultsProjection).findReleased(result.resultId, result.idNumber, new Date()), (e: DomainError) => e.code === RESULT_WITHDRAWN);
  });

  it('a share sent with the result as it was just before an amendment or a withdrawal reached sharing is brought up to date as it is recorded', async () => {
    const org = await registerOrganisation(h, 'Race College', 'education', ['Admissions']);
    const result = await publishResult(h, 'C40000007');
    await h.feed(envelopeOf('ResultAmended', amended(result.resultId, new Date().toISOString(), 190), { aggregateId: `result-${result.resultId}`, aggregateVersion: 2 }));
    // The send read the result before the amendment was applied (it carries the published version).
    const shareId = await shareOf(result, org);
    await expectEventually(() => assert.equal(h.ofType('ShareAmended', shareId).length, 1));
    assert.equal((h.ofType('ShareAmended', shareId)[0].data as { result: { overallScore: number } }).result.overallScore, 190);

    const other = await publishResult(h, 'C40000008');
    await h.feed(envelopeOf('ResultWithdrawn', { resultId: other.resultId, withdrawnAt: new Date().toISOString(), reason: 'Void' }, { aggregateId: `result-${other.resultId}`, aggregateVersion: 2 }));
    const late = await shareOf(other, org);
    await expectEventually(async () => assert.equal(await statusOf(late), 'withdrawn'));
  });

  it('a pending share is delivered when its invitation is accepted and the organisation has reached sharing, in either order, under the same id', async () => {
    const result = await publishResult(h, 'C40000002');
    const invitationId = randomUUID();
    const domain = await invite(invitationId);
    const shareId = await pendingShareOf(result, invitationId);
    await expectEventually(async () => assert.equal(await statusOf(shareId), 'pending'));
    // The organisation first (another topic), the acceptance after.
    const { organisationId, recipientId } = await joined(invitationId);
    await h.feed(envelopeOf('InvitationAccepted', { invitationId, organisationId, recipientId }, { aggregateId: domain, aggregateVersion: 2 }));
    await expectEventually(async () => assert.equal(await statusOf(shareId), 'unread'));
    const shared = h.ofType('ResultShared', shareId);
    assert.equal(shared.length, 1);
    assert.equal((shared[0].data as { recipient: { organisationId: string } }).recipient.organisationId, organisationId);

    // The acceptance first, the organisation after.
    const second = randomUUID();
    const secondDomain = await invite(second);
    const waiting = await pendingShareOf(result, second);
    await expectEventually(async () => assert.equal(await statusOf(waiting), 'pending'));
    const secondOrg = randomUUID();
    await h.feed(envelopeOf('InvitationAccepted', { invitationId: second, organisationId: secondOrg, recipientId: invitedRecipientIdOf(second) }, { aggregateId: secondDomain, aggregateVersion: 2 }));
    assert.equal(await statusOf(waiting), 'pending');
    await h.feed(envelopeOf('OrganisationRegistered', { organisationId: secondOrg, name: 'Second Polytechnic', kind: 'education', country: 'Japan', website: null, email: null, aliases: [], recipients: [{ recipientId: invitedRecipientIdOf(second), department: null }], firstUser: null }, { aggregateId: secondOrg }));
    await expectEventually(async () => assert.equal(await statusOf(waiting), 'unread'));
  });

  it('an organisation awaiting approval gets its pending shares when approved; a share asked for after it joined is delivered at once', async () => {
    const result = await publishResult(h, 'C40000003');
    const invitationId = randomUUID();
    const domain = await invite(invitationId);
    const shareId = await pendingShareOf(result, invitationId);
    const { organisationId, recipientId } = await joined(invitationId, false);
    await h.feed(envelopeOf('InvitationAccepted', { invitationId, organisationId, recipientId }, { aggregateId: domain, aggregateVersion: 2 }));
    await expectEventually(async () => assert.equal((await h.app.get(InvitationsProjection).find(invitationId))?.status, 'accepted'));
    assert.equal(await statusOf(shareId), 'pending');
    await h.feed(envelopeOf('OrganisationUpdated', { organisationId, name: 'Aurora Polytechnic', kind: 'education', country: 'Japan', website: null, aliases: [], approved: true }, { aggregateId: organisationId, aggregateVersion: 2 }));
    await expectEventually(async () => assert.equal(await statusOf(shareId), 'unread'));

    const later = await publishResult(h, 'C40000003');
    const laterShare = await pendingShareOf(later, invitationId);
    await expectEventually(async () => assert.equal(await statusOf(laterShare), 'unread'));
  });

  it('the job lapses pending shares whose invitation expired unaccepted, once across instances', async () => {
    const result = await publishResult(h, 'C40000004');
    const invitationId = randomUUID();
    await invite(invitationId, new Date(Date.now() + 60_000).toISOString());
    const shareId = await pendingShareOf(result, invitationId);
    await expectEventually(async () => assert.equal(await statusOf(shareId), 'pending'));
    // Expired now (the directory's event for a link that no longer works); the next run lapses it.
    await h.feed(envelopeOf('InstitutionInvited', { invitationId, organisationName: 'Aurora Polytechnic', email: 'x@x.example', website: 'https://x.example', domain: 'x.example', invitedBy: 'cand-1', expiresAt: new Date(Date.now() - 1000).toISOString() }, { aggregateId: `${invitationId}.example`, aggregateVersion: 2 }));
    const job = h.app.get(PendingSharesJob);
    await expectEventually(async () => {
      await job.runOnce();
      assert.equal(await statusOf(shareId), 'lapsed');
    }, { timeoutMs: 15_000, intervalMs: 500 });
    // Just ran: not due again on any instance for a while.
    assert.equal(await job.runOnce(), false);
  });

  it('the feed served to the organisation records ShareDelivered once; a webhook answered 2xx records it too', async () => {
    const org = await registerOrganisation(h, 'Feed Reader Inc', 'employer', ['HR']);
    const token = await h.issuer.sign({ sub: 'user-feed', roles: ['organisation'], org: org.organisationId });
    const result = await publishResult(h, 'C40000005');
    const shareId = await shareOf(result, org);
    await expectEventually(async () => {
      const page = await h.get('/api/v1/institution/feed', token).expect(200);
      assert.ok(page.body.items.some((e: { type: string }) => e.type === 'ResultShared'));
      assert.equal(h.ofType('ShareDelivered', shareId).length, 1);
    });
    await h.get('/api/v1/institution/feed', token).expect(200);
    await expectEventually(async () => assert.ok((await shares.view.findOne({ _id: shareId }))?.deliveredAt));
    assert.equal(h.ofType('ShareDelivered', shareId).length, 1);
    assert.equal((h.ofType('ShareDelivered', shareId)[0].data as { channel: string }).channel, 'feed');

    const hooked = await registerOrganisation(h, 'Hooked Ltd', 'employer', ['HR']);
    const hookToken = await h.issuer.sign({ sub: 'user-hook', roles: ['organisation'], org: hooked.organisationId });
    const rx = await WebhookReceiver.start();
    try {
      await h.api.put('/api/v1/institution/webhook').set('authorization', `Bearer ${hookToken}`).send({ url: rx.url }).expect(200);
      const viaHook = await shareOf(await publishResult(h, 'C40000006'), hooked);
      await expectEventually(() => {
        assert.ok(rx.delivered.some((r) => r.body.type === 'ResultShared'));
        const delivered = h.ofType('ShareDelivered', viaHook);
        assert.equal(delivered.length, 1);
        assert.equal((delivered[0].data as { channel: string }).channel, 'webhook');
      });
    } finally {
      await rx.stop();
    }
  });
});
