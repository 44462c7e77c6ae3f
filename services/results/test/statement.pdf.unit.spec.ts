import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jsQRModule from 'jsqr';
import { extractImages, extractLinks, extractText, getDocumentProxy } from 'unpdf';
import { expectEventually, type ServiceHarness } from '#libs/testing';
import type { ResultView } from '../src/projections/results.read-model.js';
import { textRuns } from '../src/result/download-statement/statement-fonts.js';
import { renderStatement } from '../src/result/download-statement/statement.pdf.js';
import { startResults } from './results.harness.js';

const result = (name: string, extra: Partial<ResultView> = {}): ResultView => ({
  _id: '7d1f0c2e-8f4b-4a7e-9c61-2b1d3e4f5a6b',
  _version: 1,
  entryId: 'e1',
  idNumber: 'C12345678',
  candidate: { name, dateOfBirth: '2001-04-02' },
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'B2',
  overallScore: 168,
  grade: 'C',
  components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }, { skill: 'Use of English', score: 173 }],
  examDate: '2026-06-14',
  releaseAt: '2026-07-01T00:00:00.000Z',
  restrictions: [],
  verificationCode: 'NCIK-XNBV-BWW',
  publishedAt: '2026-07-01T00:00:00.000Z',
  ...extra,
});
// jsqr is CommonJS: imported from ESM, its default is module.exports, the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const VERIFY_URL = 'https://results.example/verify?code=NCIK-XNBV-BWW';

/** The PDF's text as a reader's copy would give it (PDF.js, as browsers use it), spaces and line ends as single spaces. */
async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** What the first image on page 1 (the QR code) decodes to. */
async function qrOf(pdf: Buffer): Promise<string | undefined> {
  const [image] = await extractImages(await getDocumentProxy(new Uint8Array(pdf)), 1);
  assert.ok(image, 'an image on page 1');
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels === 1 ? 0 : c)] ?? 0;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, image.width, image.height)?.data;
}

const NAMES = {
  Japanese: '山田 花子',
  Chinese: '王小明',
  Korean: '김민준',
  Cyrillic: 'Иван Петров',
  Arabic: 'محمد عبد الله',
  'accented Latin': 'José Müller-Łukasiewicz Nguyễn Thị Ánh',
};

describe('the Statement of Results PDF', () => {
  for (const [script, name] of Object.entries(NAMES)) {
    it(`prints a ${script} name that reads back from the PDF (${name}), in English and in Japanese`, async () => {
      for (const language of ['en', 'ja'] as const) {
        const text = await textOf(await renderStatement(result(name), { verifyUrl: VERIFY_URL, language }));
        assert.ok(text.includes(name), `${language}: ${name} in ${text.slice(0, 300)}`);
      }
    });
  }

  it('embeds the Noto fonts, only the CJK and Arabic ones a name needs, and no built-in font', async () => {
    const japanese = (await renderStatement(result('山田 花子'), { verifyUrl: VERIFY_URL, language: 'en' })).toString('latin1');
    assert.match(japanese, /\/BaseFont \/[A-Z]{6}\+NotoSansCJKjp/);
    assert.doesNotMatch(japanese, /NotoSansArabic|Helvetica/);
    const arabic = (await renderStatement(result('محمد عبد الله'), { verifyUrl: VERIFY_URL, language: 'en' })).toString('latin1');
    assert.match(arabic, /\/BaseFont \/[A-Z]{6}\+NotoSansArabic/);
    assert.doesNotMatch(arabic, /NotoSansCJK|Helvetica/);
  });

  it('in English: the labels, the guide’s wording of the level, the code, and the link and QR code to the verify page', async () => {
    const pdf = await renderStatement(result('Hanako Yamada'), { verifyUrl: VERIFY_URL, language: 'en' });
    const text = await textOf(pdf);
    for (const expected of ['Statement of Results', 'Candidate Hanako Yamada', 'Date of birth 2001-04-02', 'ID Number C12345678', 'Result Council of Europe Level B2', 'Overall score 168', 'Reading 170', 'Verification code: NCIK-XNBV-BWW', VERIFY_URL]) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.doesNotMatch(text, /[ぁ-んァ-ン一-龯]/, 'no Japanese in the English layout');
    assert.equal(await qrOf(pdf), VERIFY_URL);
    assert.deepEqual([...new Set((await extractLinks(await getDocumentProxy(new Uint8Array(pdf)))).links)], [VERIFY_URL]);
  });

  it('in Japanese: each label in Japanese with the English beside it, the level in Japanese and English', async () => {
    const pdf = await renderStatement(result('山田 花子', { cefrLevel: 'Council of Europe Level B2' }), { verifyUrl: VERIFY_URL, language: 'ja' });
    const text = await textOf(pdf);
    for (const expected of ['成績証明書 Statement of Results', '受験者氏名 Candidate 山田 花子', '生年月日 Date of birth 2001-04-02', 'ID番号 ID Number C12345678', '結果 Result ヨーロッパ言語共通参照枠（CEFR）B2 レベル Council of Europe Level B2', 'リーディング Reading 170', '英語の運用 Use of English 173', '確認コード（Verification code）: NCIK-XNBV-BWW', VERIFY_URL]) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.equal(await qrOf(pdf), VERIFY_URL);
  });

  it('carries every skill onto a second page when there are many, and keeps the code and link', async () => {
    const components = Array.from({ length: 20 }, (_, i) => ({ skill: `Skill ${i + 1}`, score: 100 + i }));
    const pdf = await renderStatement(result('山田 花子', { components }), { verifyUrl: VERIFY_URL, language: 'ja' });
    const { totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)));
    assert.equal(totalPages, 2);
    const text = await textOf(pdf);
    for (const c of components) assert.ok(text.includes(`${c.skill} ${c.score}`), c.skill);
    assert.ok(text.includes(VERIFY_URL));
  });

  it('prints the last amendment under the current version: "Amended on <date>: <reason>", in Japanese in the ja layout, a reason in any script', async () => {
    const amended = result('Hanako Yamada', { overallScore: 176, lastAmendment: { at: '2026-08-02T09:00:00.000Z', reason: 'Re-mark of the Writing paper' } });
    const en = await textOf(await renderStatement(amended, { verifyUrl: VERIFY_URL, language: 'en' }));
    assert.ok(en.includes('Amended on 2026-08-02: Re-mark of the Writing paper'), en);
    assert.ok(en.includes('176'));
    const ja = await textOf(await renderStatement(amended, { verifyUrl: VERIFY_URL, language: 'ja' }));
    assert.ok(ja.includes('訂正日（Amended on） 2026-08-02：Re-mark of the Writing paper'), ja);
    const japaneseReason = await textOf(
      await renderStatement(result('Hanako Yamada', { lastAmendment: { at: '2026-08-02T09:00:00.000Z', reason: 'ライティングの再採点' } }), { verifyUrl: VERIFY_URL, language: 'en' }),
    );
    assert.ok(japaneseReason.includes('Amended on 2026-08-02: ライティングの再採点'), japaneseReason);
    const never = await textOf(await renderStatement(result('Hanako Yamada'), { verifyUrl: VERIFY_URL, language: 'en' }));
    assert.ok(!never.includes('Amended on'));
  });

  it('splits a name into runs by script, spaces kept with their neighbours, right-to-left runs marked', () => {
    assert.deepEqual(textRuns('Ольга 山田 علي Smith'), [
      { font: 'latin', text: 'Ольга ', rtl: false },
      { font: 'cjk', text: '山田 ', rtl: false },
      { font: 'arabic', text: 'علي', rtl: true },
      { font: 'latin', text: ' ', rtl: false },
      { font: 'latin', text: 'Smith', rtl: false },
    ]);
    assert.deepEqual(textRuns('王小明 (Wáng)').map((r) => [r.font, r.text]), [['cjk', '王小明 ('], ['latin', 'Wáng)']]);
  });
});

describe('GET /api/v1/me/results/:resultId/statement: the language and the verify link', () => {
  let h: ServiceHarness;
  let candidate: string;
  let resultId: string;
  let code: string;

  before(async () => {
    h = await startResults();
    const admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre'] });
    const entry = await h.api.post('/api/v1/admin/entries').set('authorization', `Bearer ${admin}`).send({ name: '山田 花子', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' }).expect(201);
    await h.api
      .post('/api/v1/admin/results')
      .set('authorization', `Bearer ${admin}`)
      .send({ idNumber: entry.body.idNumber, qualification: 'Certificate in Advanced English', cefrLevel: 'B2', overallScore: 168, grade: 'C', components: [{ skill: 'Reading', score: 170 }], examDate: '2026-06-14' })
      .expect(201);
    candidate = await h.issuer.sign({ sub: 'c1', roles: ['candidate'], idn: entry.body.idNumber });
    [resultId, code] = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(r.body.items.length, 1);
      return [r.body.items[0].resultId as string, r.body.items[0].verificationCode as string];
    });
  });

  after(async () => {
    await h?.close();
  });

  const download = (query: string, acceptLanguage?: string) => {
    const r = h.api.get(`/api/v1/me/results/${resultId}/statement${query}`).set('authorization', `Bearer ${candidate}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return acceptLanguage ? r.set('accept-language', acceptLanguage) : r;
  };

  it('?lang=ja, or Accept-Language asking for Japanese first, lays it out in Japanese; ?lang wins; English otherwise', async () => {
    const japanese = /成績証明書/;
    const cases: [string, string | undefined, boolean][] = [
      ['?lang=ja', undefined, true],
      ['', 'ja-JP,ja;q=0.9,en;q=0.8', true],
      ['?lang=en', 'ja', false],
      ['', 'en-GB,en;q=0.9,ja;q=0.5', false],
      ['', undefined, false],
    ];
    for (const [query, acceptLanguage, inJapanese] of cases) {
      const r = await download(query, acceptLanguage).expect(200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const text = await textOf(r.body as Buffer);
      assert.equal(japanese.test(text), inJapanese, `${query} ${acceptLanguage ?? ''}`);
      assert.ok(text.includes('山田 花子'));
    }
    assert.match(String((await download('?lang=ja').expect(200)).headers['content-disposition']), /-ja\.pdf"$/);
  });

  it('links to the portal’s verify page at the public origin with the code, in the text and the QR code', async () => {
    const pdf = (await download('').expect(200)).body as Buffer;
    const url = `http://localhost:3000/verify?code=${code}`;
    assert.ok((await textOf(pdf)).includes(url));
    assert.equal(await qrOf(pdf), url);
  });

  it('refuses an unknown language with a 400', async () => {
    const r = await h.api.get(`/api/v1/me/results/${resultId}/statement?lang=fr`).set('authorization', `Bearer ${candidate}`).expect(400);
    assert.match(JSON.stringify(r.body.message), /lang must be one of en, ja/);
  });
});
