import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { expectEventually, envelopeOf, readableForms, readMails } from '#libs/testing';
import { IdentityHarness, PUBLIC_URL } from './identity.harness.js';

const RESULT = {
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: [{ skill: 'Reading', score: 170 }],
  examDate: '2026-06-14',
};

describe('identity: a candidate’s opt-in e-mails (share opened, result amended)', () => {
  let h: IdentityHarness;
  let token: string;
  const idNumber = 'C40000001';
  const email = 'notify@example.com';
  const resultId = randomUUID();

  before(async () => {
    h = await IdentityHarness.start();
    await h.enter(idNumber, 'SECRETABCD');
    assert.equal((await h.register({ idNumber, secretNumber: 'SECRETABCD', email, password: 'a long password' })).status, 201);
    token = (await h.login({ idNumber, password: 'a long password' })).body.accessToken;
    await h.feed(
      envelopeOf(
        'ResultPublished',
        { ...RESULT, resultId, entryId: randomUUID(), idNumber, candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02' }, releaseAt: new Date().toISOString(), restrictions: [], verificationCode: 'ABCD-EFGH-JKL' },
        { aggregateId: resultId },
      ),
    );
  });

  after(async () => {
    await h?.close();
  });

  const put = (body: unknown, t = token, language?: string) => {
    const r = request(h.url).put('/api/v1/me/notifications').set('authorization', `Bearer ${t}`);
    return (language ? r.set('accept-language', language) : r).send(body as object);
  };
  const me = () => request(h.url).get('/api/v1/me').set('authorization', `Bearer ${token}`);
  const share = async (organisationName: string, department: string | null) => {
    const shareId = randomUUID();
    await h.feed(
      envelopeOf(
        'ResultShared',
        {
          shareId,
          resultId,
          candidateId: 'c',
          recipient: { recipientId: randomUUID(), organisationId: randomUUID(), organisationName, department, kind: 'education' },
          candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', idNumber },
          result: { ...RESULT, verificationCode: 'ABCD-EFGH-JKL' },
          consent: { textVersion: 'v1', givenAt: new Date().toISOString() },
          sharedAt: new Date().toISOString(),
        },
        { aggregateId: shareId },
      ),
    );
    return shareId;
  };
  const read = (shareId: string, eventId = randomUUID()) =>
    envelopeOf(
      'ResultRead',
      { shareId, resultId, recipientId: randomUUID(), organisationId: randomUUID(), readAt: '2026-08-01T10:00:00.000Z', readBy: 'u' },
      { aggregateId: shareId, aggregateVersion: 2, eventId },
    );
  const mailsOf = async (kind: string) => (await readMails(h.mailDir, { to: email })).filter((m) => m.file.includes(`-${kind}-`));

  it('refuses an empty body, a setting that is not a boolean, and staff or organisation tokens', async () => {
    for (const body of [{}, { shareOpened: 'true' }, { resultAmended: null }, { shareOpened: 1 }, { shareOpened: true, other: true }]) {
      const r = await put(body);
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.equal((await put({})).body.code, 'NOTIFICATIONS.EMPTY');
    const added = await h.addOrganisationUser({ organisationId: randomUUID(), email: 'org@aurora.example.edu', name: 'Aki Tanaka', password: 'org password 12' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const org = (await h.login({ email: 'org@aurora.example.edu', password: 'org password 12' })).body.accessToken as string;
    assert.equal((await put({ shareOpened: true }, org)).status, 403);
    assert.equal((await put({ shareOpened: true }, 'not-a-token')).status, 401);
  });

  it('sends nothing before the candidate opts in', async () => {
    const shareId = await share('Kanto University', null);
    await h.feed(read(shareId));
    await sleep(300);
    assert.deepEqual(await mailsOf('share-opened'), []);
  });

  it('opts in (GET /me shows it), then mails once per ResultRead, in the language of the portal, with the organisation’s name', async () => {
    const r = await put({ shareOpened: true }, token, 'ja').expect(200);
    assert.deepEqual(r.body, { shareOpened: true, resultAmended: false });
    await expectEventually(async () => assert.deepEqual((await me().expect(200)).body.notifications, { shareOpened: true, resultAmended: false }));
    const shareId = await share('Kanto University', 'Faculty of Law');
    const event = read(shareId);
    await h.feed(event);
    await h.feed(event);
    const mail = await expectEventually(async () => {
      const mails = await mailsOf('share-opened');
      assert.equal(mails.length, 1);
      return mails[0];
    });
    const text = readableForms(mail.text).join('\n');
    assert.match(text, /Kanto University（Faculty of Law）が、あなたが送った成績（Certificate in Advanced English）を 2026-08-01 10:00 UTC に開きました/);
    assert.ok(text.includes(`${PUBLIC_URL}/shared`));
    assert.match(mail.text, /text\/html/);
    // The same event again (redelivered) sends nothing more.
    await h.feed(event);
    await sleep(300);
    assert.equal((await mailsOf('share-opened')).length, 1);
    // A share identity never saw (sent before it listened): found by its result, the organisation unnamed.
    await h.feed(read(randomUUID()));
    const unnamed = await expectEventually(async () => {
      const mails = await mailsOf('share-opened');
      assert.equal(mails.length, 2);
      return readableForms(mails[1].text).join('\n');
    });
    assert.match(unnamed, /送付先の機関が、あなたが送った成績（Certificate in Advanced English）を/);
  });

  it('mails an amendment of a shared result in English when the settings were saved in English; opting out stops the e-mails', async () => {
    await put({ resultAmended: true }, token, 'en').expect(200);
    const amendedEvent = envelopeOf(
      'ResultAmended',
      {
        resultId,
        amendedAt: '2026-08-02T09:00:00.000Z',
        reason: 'Re-mark of the Reading paper',
        changes: { overallScore: 175, components: [{ skill: 'Reading', score: 180 }] },
        result: { ...RESULT, overallScore: 175, components: [{ skill: 'Reading', score: 180 }], verificationCode: 'ABCD-EFGH-JKL' },
      },
      { aggregateId: resultId, aggregateVersion: 2 },
    );
    await h.feed(amendedEvent);
    const mail = await expectEventually(async () => {
      const mails = await mailsOf('result-amended');
      assert.equal(mails.length, 1);
      return mails[0];
    });
    const text = readableForms(mail.text).join('\n');
    assert.match(text, /The exam centre amended your result \(Certificate in Advanced English\) on 2026-08-02/);
    assert.match(text, /Reason: Re-mark of the Reading paper/);
    assert.match(text, /Overall score: 175/);
    assert.match(text, /Scores by skill: Reading 180/);
    assert.match(text, /Kanto University \(Faculty of Law\)/);
    assert.match(text, /Subject: Your result was amended/);
    await put({ shareOpened: false, resultAmended: false }).expect(200);
    await expectEventually(async () => assert.deepEqual((await me().expect(200)).body.notifications, { shareOpened: false, resultAmended: false }));
    await h.feed(read(await share('Kanto University', null)));
    await h.feed({ ...amendedEvent, eventId: randomUUID(), aggregateVersion: 3 });
    await sleep(300);
    assert.equal((await mailsOf('share-opened')).length, 2, 'no more after opting out');
    assert.equal((await mailsOf('result-amended')).length, 1);
  });
});
