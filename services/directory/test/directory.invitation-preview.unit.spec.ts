import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually, readMails, requireToken } from '#libs/testing';
import { DirectoryHarness } from './directory.harness.js';

describe('directory: an invitation link shows what was invited; a second invitation says so; the e-mail speaks the candidate’s language', () => {
  let h: DirectoryHarness;

  before(async () => {
    h = await DirectoryHarness.start({ invitationsPerHour: 50 });
  });

  after(async () => {
    await h.close();
  });

  const invite = async (sub: string, body: Record<string, unknown>, language?: string) => {
    const token = await h.issuer.sign({ sub, roles: ['candidate'], idn: 'C22222222' });
    const request = h.api.post('/api/v1/directory/invitations').set('authorization', `Bearer ${token}`);
    if (language) void request.set('accept-language', language);
    return request.send(body).expect(202);
  };
  const linkTokenFor = async (to: string): Promise<{ token: string; text: string }> => {
    // Sent by the mail worker after the answer (through the outbox).
    const mail = await expectEventually(async () => {
      const [found] = await readMails(h.mailDir, { to });
      assert.ok(found, `a mail to ${to}`);
      return found;
    });
    return { token: requireToken(mail.text, '/invitations/accept'), text: mail.text };
  };

  it('previews the organisation and invited address by the link alone, and nothing for a wrong, malformed or used link', async () => {
    const first = await invite('cand-p', { organisationName: 'Preview Academy', email: 'office@preview.ac.jp', website: 'preview.ac.jp' });
    assert.equal(first.body.alreadyInvited, false);
    const { token } = await linkTokenFor('office@preview.ac.jp');
    const shown = await h.api.get(`/api/v1/directory/invitations/${token}`).expect(200);
    assert.deepEqual(Object.keys(shown.body).sort(), ['email', 'expiresAt', 'organisationName']);
    assert.equal(shown.body.organisationName, 'Preview Academy');
    assert.equal(shown.body.email, 'office@preview.ac.jp');

    const wrong = `${token.slice(0, -4)}AAAA`;
    const unknown = await h.api.get(`/api/v1/directory/invitations/${wrong}`).expect(404);
    assert.equal(unknown.body.code, 'INVITATION.NOT_VALID');
    const malformed = await h.api.get('/api/v1/directory/invitations/not-a-token').expect(404);
    assert.deepEqual({ ...malformed.body, message: undefined }, { ...unknown.body, message: undefined });

    await h.api.post(`/api/v1/directory/invitations/${token}/accept`).send({ contactName: 'Aiko Mori', password: 'a long enough password' }).expect(201);
    const used = await h.api.get(`/api/v1/directory/invitations/${token}`).expect(409);
    assert.equal(used.body.code, 'INVITATION.ACCEPTED');
  });

  it('tells the second candidate that the domain was already invited, and sends no second e-mail', async () => {
    const first = await invite('cand-q', { organisationName: 'Twice College', email: 'office@twice.ac.uk', website: 'https://www.twice.ac.uk' });
    const second = await invite('cand-r', { organisationName: 'Twice College (UK)', email: 'admissions@twice.ac.uk', website: 'twice.ac.uk' });
    assert.equal(first.body.alreadyInvited, false);
    assert.equal(second.body.alreadyInvited, true);
    assert.equal(second.body.invitationId, first.body.invitationId);
    assert.equal((await readMails(h.mailDir, { to: 'admissions@twice.ac.uk' })).length, 0);
  });

  it('writes the e-mail in Japanese with the English beside it for a candidate using the portal in Japanese', async () => {
    await invite('cand-s', { organisationName: '見本大学', email: 'office@mihon.ac.jp', website: 'mihon.ac.jp' }, 'ja');
    const { text } = await linkTokenFor('office@mihon.ac.jp');
    const ja = text.indexOf('見本大学 に試験結果を送りたい');
    const en = text.indexOf('send their exam results to 見本大学');
    assert.ok(ja > 0 && en > ja, text);
    await invite('cand-t', { organisationName: 'English Only', email: 'office@english-only.org', website: 'english-only.org' }, 'en-GB,en;q=0.9');
    const english = await linkTokenFor('office@english-only.org');
    assert.doesNotMatch(english.text, /試験結果/);
  });

  it('limits how many links one address may look up', async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i += 1) {
      status = (await h.api.get(`/api/v1/directory/invitations/${'x'.repeat(43)}`)).status;
      assert.ok(status === 404 || status === 429, String(status));
    }
    assert.equal(status, 429);
  });
});
