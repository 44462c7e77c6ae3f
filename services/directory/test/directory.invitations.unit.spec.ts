import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import { expectEventually, readMails, requireToken, type Mail } from '#libs/testing';
import { EventStore } from '#libs/event-store';
import { DirectoryHarness, PUBLIC_URL } from './directory.harness.js';

const acceptToken = (mail: Mail | undefined): string => requireToken(mail?.text ?? '', '/invitations/accept');

describe('directory: invitations (embedded adapters)', () => {
  let h: DirectoryHarness;
  let organisations: KnownEnvelope[];
  let invitations: KnownEnvelope[];
  // Every message on the organisation topic as it went on the wire (before any consumer's validation).
  const rawOrganisationMessages: string[] = [];

  before(async () => {
    h = await DirectoryHarness.start({ invitationsPerHour: 5 });
    organisations = h.probe(Topics.organisations);
    invitations = h.probe(Topics.invitations);
    h.bus.subscribe('raw-probe', Topics.organisations, async (m) => void rawOrganisationMessages.push(m.value));
  });

  after(async () => {
    await h.close();
  });

  /** The mails to an address once there are `count` of them (the mail worker sends them after the answer, through the outbox). */
  const mailsTo = (to: string, count = 1): Promise<Mail[]> =>
    expectEventually(async () => {
      const mails = await readMails(h.mailDir, { to });
      assert.equal(mails.length, count, `mails to ${to}`);
      return mails;
    });
  const candidateToken = (sub: string) => h.issuer.sign({ sub, roles: ['candidate'], idn: 'C11111111' });
  const invite = async (sub: string, body: Record<string, unknown>, status: number) =>
    h.api.post('/api/v1/directory/invitations').set('authorization', `Bearer ${await candidateToken(sub)}`).send(body).expect(status);
  const accept = (token: string, body: Record<string, unknown>) =>
    h.api.post(`/api/v1/directory/invitations/${token}/accept`).send(body);

  it('invites once per domain, mails the link, and the accepted organisation is searchable with its first user', async () => {
    const first = await invite('cand-a', { organisationName: 'Example Academy', email: 'office@example.ac.jp', website: 'https://www.example.ac.jp/x' }, 202);
    const { invitationId } = first.body as { invitationId: string };
    assert.match(invitationId, /^[0-9a-f-]{36}$/);
    // Same domain while pending: same invitation, no second e-mail.
    const again = await invite('cand-b', { organisationName: 'Example Academy (JP)', email: 'info@example.ac.jp', website: 'http://example.ac.jp' }, 202);
    assert.equal(again.body.invitationId, invitationId);
    const mails = await mailsTo('office@example.ac.jp');
    assert.equal(mails.length, 1);
    assert.equal((await readMails(h.mailDir, { to: 'info@example.ac.jp' })).length, 0);
    assert.ok(mails[0].text.includes(`${PUBLIC_URL}/invitations/accept?token=`), mails[0].text);
    const token = acceptToken(mails[0]);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    const invited = await expectEventually(() => {
      const e = invitations.find((x) => x.type === 'InstitutionInvited');
      assert.ok(e);
      return e;
    });
    assert.deepEqual(invited.data, {
      invitationId,
      organisationName: 'Example Academy',
      email: 'office@example.ac.jp',
      website: 'https://www.example.ac.jp/x',
      domain: 'example.ac.jp',
      invitedBy: 'cand-a',
      expiresAt: invited.data.expiresAt,
    });
    // Shares waiting for the organisation lapse then: 14 days after the invitation.
    assert.ok(Math.abs(Date.parse(invited.data.expiresAt ?? '') - Date.now() - 14 * 24 * 3600_000) < 60_000, invited.data.expiresAt);

    await accept(token, { contactName: 'Keiko Tanaka', password: 'short' }).expect(400);
    const accepted = await accept(token, { contactName: 'Keiko Tanaka', password: 'a long enough password', country: 'Japan' }).expect(201);
    const { organisationId, recipientId } = accepted.body as { organisationId: string; recipientId: string };
    const again409 = await accept(token, { contactName: 'Someone Else', password: 'another long password' }).expect(409);
    assert.equal(again409.body.message, 'This invitation has already been accepted.');

    const candidate = await candidateToken('cand-a');
    const hit = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/directory/search?q=Example%20Acad').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items[0];
    });
    assert.deepEqual(hit, { recipientId, organisationId, organisationName: 'Example Academy', department: null, country: 'Japan', kind: 'education', japaneseName: null });

    const registered = await expectEventually(() => {
      const e = organisations.find((x) => x.type === 'OrganisationRegistered' && x.data.organisationId === organisationId);
      assert.ok(e);
      return e;
    });
    assert.equal(registered.type, 'OrganisationRegistered');
    if (registered.type !== 'OrganisationRegistered') return;
    assert.equal(registered.data.email, 'office@example.ac.jp');
    assert.deepEqual(registered.data.recipients, [{ recipientId, department: null }]);
    assert.equal(registered.data.firstUser?.email, 'office@example.ac.jp');
    assert.deepEqual(registered.data.firstUser, { email: 'office@example.ac.jp', contactName: 'Keiko Tanaka' });
    assert.equal(registered.data.approved, true, 'INVITATION_APPROVAL is off by default');
    // The password went to identity, before the organisation was appended, and nowhere else.
    assert.deepEqual(h.identity.requests.filter((r) => r.organisationId === organisationId), [
      { organisationId, email: 'office@example.ac.jp', name: 'Keiko Tanaka', password: 'a long enough password' },
    ]);
    const stored = await h.app.get(EventStore).readStream(`org-${organisationId}`);
    assert.doesNotMatch(JSON.stringify(stored), /passwordHash|argon2|a long enough password/);
    assert.ok(rawOrganisationMessages.length > 0);
    for (const raw of rawOrganisationMessages) assert.doesNotMatch(raw, /passwordHash|\$argon2|a long enough password/);
    await expectEventually(() => assert.ok(invitations.some((x) => x.type === 'InvitationAccepted' && x.data.organisationId === organisationId)));

    // The domain has its account now: a new invitation is refused.
    const after = await invite('cand-c', { organisationName: 'Example Academy', email: 'x@example.ac.jp', website: 'example.ac.jp' }, 409);
    assert.match(after.body.message, /already created its account/);
  });

  it('answers an unknown or malformed token with 404 "This invitation link is not valid."', async () => {
    const body = { contactName: 'A Person', password: 'a long enough password' };
    for (const token of ['nope', 'A'.repeat(43)]) {
      const r = await accept(token, body).expect(404);
      assert.equal(r.body.message, 'This invitation link is not valid.');
    }
    await accept('A'.repeat(43), { ...body, kind: 'school' }).expect(400);
  });

  it('refuses bad invitations with 400 and needs a candidate', async () => {
    await invite('cand-d', { organisationName: 'X', email: 'not-an-email', website: 'https://x.example.com' }, 400);
    await invite('cand-d', { organisationName: 'X', email: 'a@x.example.com', website: 'not a website' }, 400);
    await invite('cand-d', { organisationName: '', email: 'a@x.example.com', website: 'https://x.example.com' }, 400);
    const operator = await h.issuer.sign({ sub: 'admin', roles: ['operator'] });
    await h.api
      .post('/api/v1/directory/invitations')
      .set('authorization', `Bearer ${operator}`)
      .send({ organisationName: 'X', email: 'a@x.example.com', website: 'https://x.example.com' })
      .expect(403);
  });

  it('limits each candidate to 5 invitations an hour (429), counting repeats', async () => {
    for (let i = 0; i < 5; i++) {
      await invite('cand-rl', { organisationName: `Org ${i}`, email: `a@org${i}.example.org`, website: `https://org${i}.example.org` }, 202);
    }
    const limited = await invite('cand-rl', { organisationName: 'Org 5', email: 'a@org5.example.org', website: 'https://org5.example.org' }, 429);
    assert.match(limited.body.message, /at most 5 invitations an hour/);
    // Another candidate is not affected.
    await invite('cand-other', { organisationName: 'Org 5', email: 'a@org5.example.org', website: 'https://org5.example.org' }, 202);
  });

  it('an invitation made while the mail server refuses answers 202; its e-mail is retried and goes out once the server is back, once', async () => {
    const mailer = h.infra.mailer;
    let refused = 0;
    h.infra.mailer = {
      send: () => {
        refused += 1;
        return Promise.reject(new Error('SMTP is down'));
      },
    };
    const body = { organisationName: 'Mailfail College', email: 'office@mailfail.example.edu', website: 'https://mailfail.example.edu' };
    try {
      await invite('cand-mf', body, 202);
      await expectEventually(() => assert.ok(refused >= 1, 'the mail worker tried'));
      assert.equal((await readMails(h.mailDir, { to: 'office@mailfail.example.edu' })).length, 0);
    } finally {
      h.infra.mailer = mailer;
    }
    const [mail] = await mailsTo('office@mailfail.example.edu');
    // Still pending: asking again sends nothing more.
    assert.equal((await invite('cand-mf', body, 202)).body.alreadyInvited, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await readMails(h.mailDir, { to: 'office@mailfail.example.edu' })).length, 1);
    await accept(acceptToken(mail), { contactName: 'Mai Fail', password: 'a long enough password' }).expect(201);
  });

  it('refuses an expired link with 404, and inviting the domain again issues a new one', async () => {
    const body = { organisationName: 'Slow College', email: 'office@slow.example.edu', website: 'https://slow.example.edu' };
    const first = await invite('cand-exp', body, 202);
    const token = acceptToken((await mailsTo('office@slow.example.edu'))[0]);
    const clock = h.infra.clock;
    h.infra.clock = { now: () => new Date(Date.now() + 15 * 24 * 3600 * 1000) };
    try {
      const r = await accept(token, { contactName: 'Late Person', password: 'a long enough password' }).expect(404);
      assert.equal(r.body.message, 'This invitation link is not valid.');
      const second = await invite('cand-exp', body, 202);
      assert.notEqual(second.body.invitationId, first.body.invitationId);
      assert.equal((await mailsTo('office@slow.example.edu', 2)).length, 2);
    } finally {
      h.infra.clock = clock;
    }
  });

  it('refuses to accept for an address that already has an account (409) and answers 503 without identity; nothing appended', async () => {
    const store = h.app.get(EventStore);
    const organisationsNamed = (name: string) => store.collection.count({ type: 'OrganisationRegistered', 'data.name': name });
    const body = { organisationName: 'Taken Institute', email: 'staff@taken.example.edu', website: 'https://taken.example.edu' };
    await invite('cand-tk', body, 202);
    const token = acceptToken((await mailsTo('staff@taken.example.edu'))[0]);
    h.identity.down = true;
    try {
      const r = await accept(token, { contactName: 'Ken Mori', password: 'a long enough password' }).expect(503);
      assert.match(r.body.message, /nothing was saved/);
    } finally {
      h.identity.down = false;
    }
    assert.equal(await organisationsNamed('Taken Institute'), 0);
    h.identity.claim('staff@taken.example.edu');
    const refused = await accept(token, { contactName: 'Ken Mori', password: 'a long enough password' }).expect(409);
    assert.equal(refused.body.code, 'ACCOUNT.EMAIL_TAKEN');
    assert.match(refused.body.message, /staff@taken\.example\.edu already belongs to another account/);
    assert.equal(await organisationsNamed('Taken Institute'), 0);
  });
});
