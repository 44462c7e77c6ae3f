import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jsQRModule from 'jsqr';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';
import { BULK_VERIFICATION_MAX_ITEMS } from '#libs/contracts';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

// jsqr is CommonJS: imported from ESM, its default is module.exports, the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

interface Verification {
  code: string;
  status: string;
  result?: { verificationCode: string; candidate: { name: string; dateOfBirth: string; idNumber: string }; cefrLevel: string };
}

/** The QR code on page 1 of a PDF, decoded. */
async function qrOf(pdf: Buffer): Promise<string | undefined> {
  const [image] = await extractImages(await getDocumentProxy(new Uint8Array(pdf)), 1);
  if (!image) return undefined;
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels === 1 ? 0 : c)] ?? 0;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, image.width, image.height)?.data;
}

for (const mode of modes()) {
  describe(`verifying statements through the gateway (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    let org: string;
    const tag = runTag();
    const hanako = { dateOfBirth: '2001-04-02' } as { idNumber: string; token: string; resultId: string; code: string; dateOfBirth: string };

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.loginEventually({ email: system.adminEmail, password: system.adminPassword }, budgets.deadline());
      const entry = await api.post('/api/v1/admin/entries', { name: '山田 花子', dateOfBirth: hanako.dateOfBirth, exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      hanako.idNumber = entry.body.idNumber;
      await api.post('/api/v1/admin/results', sampleResult(hanako.idNumber, { cefrLevel: 'B2' }), admin).expect(201);
      const password = 'hanako has a long password';
      await api.register({ idNumber: hanako.idNumber, secretNumber: entry.body.secretNumber, email: `hanako-${tag}@mail.example`, password }, budgets.deadline());
      hanako.token = await api.login({ idNumber: hanako.idNumber, password });
      const [mine] = await poll(() => api.get('/api/v1/me/results', hanako.token), {
        what: "the candidate's result",
        deadline: budgets.deadline(),
        accept: (a) => {
          const items = (a.body as { items: { resultId: string; verificationCode: string }[] }).items;
          return items.length === 1 ? items : undefined;
        },
      });
      hanako.resultId = mine.resultId;
      hanako.code = mine.verificationCode;
      const email = `office-${tag}@verifier.example`;
      await api.post('/api/v1/admin/organisations', { name: `Verifier College ${tag}`, kind: 'education', country: 'Japan', website: `https://verifier-${tag}.example`, email }, admin).expect(201);
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      org = await api.login({ email, password: 'organisation password' });
    });
    after(async () => {
      await system?.stop();
    });

    it('anyone checks a statement with its code and the date of birth, without an account; a wrong date of birth reads as an unknown code', async () => {
      const genuine = await api.post('/api/v1/verification', { code: hanako.code.toLowerCase(), dateOfBirth: hanako.dateOfBirth }).expect(200);
      const body = genuine.body as Verification;
      assert.equal(body.status, 'genuine');
      assert.equal(body.code, hanako.code.toLowerCase());
      assert.deepEqual(body.result?.candidate, { name: '山田 花子', dateOfBirth: hanako.dateOfBirth, idNumber: hanako.idNumber });
      const wrongBirth = await api.post('/api/v1/verification', { code: hanako.code, dateOfBirth: '2001-04-03' }).expect(200);
      const unknown = await api.post('/api/v1/verification', { code: 'ZZZZ-ZZZZ-ZZZ', dateOfBirth: '2001-04-03' }).expect(200);
      assert.deepEqual(wrongBirth.body, { code: hanako.code, status: 'not-found' });
      assert.deepEqual(unknown.body, { code: 'ZZZZ-ZZZZ-ZZZ', status: 'not-found' });
      const bad = await api.post('/api/v1/verification', { code: hanako.code }).expect(400);
      assert.equal(bad.body.statusCode, 400);
      assert.match(JSON.stringify(bad.body.message), /dateOfBirth/);
      // The signed-in route stays as it was.
      assert.equal((await api.get(`/api/v1/verification/${hanako.code}`, org).expect(200)).body.candidate.name, '山田 花子');
    });

    it('an organisation checks 2,000 statements in one request, answered in order; more, none or malformed items are 400s', async () => {
      const items = Array.from({ length: BULK_VERIFICATION_MAX_ITEMS }, (_, i) =>
        i % 3 === 0 ? { code: hanako.code, dateOfBirth: hanako.dateOfBirth } : i % 3 === 1 ? { code: hanako.code, dateOfBirth: '1999-01-01' } : { code: `ZZZZ-ZZZZ-${String(i).padStart(3, '0').slice(-3)}`, dateOfBirth: '2000-01-01' },
      );
      const r = await api.post('/api/v1/institution/verifications', { items }, org).expect(200);
      const answers = (r.body as { items: Verification[] }).items;
      assert.equal(answers.length, BULK_VERIFICATION_MAX_ITEMS);
      answers.forEach((a, i) => {
        assert.equal(a.code, items[i].code, `item ${i}`);
        assert.equal(a.status, i % 3 === 0 ? 'genuine' : 'not-found', `item ${i}`);
      });
      assert.equal(answers[0].result?.candidate.idNumber, hanako.idNumber);
      assert.equal(answers[1].result, undefined);
      const tooMany = await api.post('/api/v1/institution/verifications', { items: [...items, items[0]] }, org).expect(400);
      assert.match(JSON.stringify(tooMany.body.message), /at most 2000/);
      await api.post('/api/v1/institution/verifications', { items: [] }, org).expect(400);
      const malformed = await api.post('/api/v1/institution/verifications', { items: [{ code: hanako.code, dateOfBirth: 'yesterday' }] }, org).expect(400);
      assert.match(JSON.stringify(malformed.body.message), /items\.0\.dateOfBirth/);
      await api.post('/api/v1/institution/verifications', { items: items.slice(0, 1) }, hanako.token).expect(403);
      await api.post('/api/v1/institution/verifications', { items: items.slice(0, 1) }).expect(401);
    });

    it('the statement prints the Japanese name, in Japanese on request, and its QR code opens the verify page with the code', async () => {
      const pdf = (await api.get(`/api/v1/me/results/${hanako.resultId}/statement?lang=ja`, hanako.token).buffer(true).expect(200)).body as Buffer;
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of ['成績証明書', '受験者氏名 Candidate 山田 花子', 'ヨーロッパ言語共通参照枠（CEFR）B2 レベル', 'Council of Europe Level B2']) assert.ok(flat.includes(expected), expected);
      const link = await qrOf(pdf);
      const url = new URL(link ?? 'missing:');
      assert.equal(url.pathname, '/verify');
      assert.equal(url.searchParams.get('code'), hanako.code);
      assert.equal(url.port, new URL(system.url).port, 'the public origin of this system');
      assert.ok(flat.includes(link!), 'the same link printed');
    });
  });
}
