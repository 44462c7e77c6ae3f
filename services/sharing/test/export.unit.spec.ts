import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { QueryBus } from '@nestjs/cqrs';
import { expectEventually } from '#libs/testing';
import { ExportInboxQuery } from '../src/share/export-inbox/export-inbox.query.js';
import { parseCsv } from './csv.js';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';

const HEADER = 'shareId,sharedAt,status,readAt,department,candidate name,date of birth,ID Number,qualification,CEFR level,overall score,grade,Reading,Writing,Listening,Speaking,Use of English,other skills,exam date,verification code';

describe("sharing: an organisation's shares as CSV", () => {
  let h: SharingHarness;
  let org: Organisation;
  let other: Organisation;
  let orgUser: string;
  let otherUser: string;
  const shareIds: string[] = [];
  const names = ['山田 花子', 'Zoë Ångström', 'Олена Коваленко', 'محمد علي', '=1+2', 'O"Brien, Seán'];

  const download = (query: string, token = orgUser) =>
    h.api
      .get(`/api/v1/institution/shares/export${query}`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  before(async () => {
    h = await SharingHarness.start();
    org = await registerOrganisation(h, 'Kanto University', 'education', ['Faculty of Law', 'Faculty of Science']);
    other = await registerOrganisation(h, 'Other University', 'education', ['Admissions']);
    orgUser = await h.issuer.sign({ sub: 'user-kanto', roles: ['organisation'], org: org.organisationId });
    otherUser = await h.issuer.sign({ sub: 'user-other', roles: ['organisation'], org: other.organisationId });
    for (const [i, name] of names.entries()) {
      const idNumber = `C4${String(i).padStart(7, '0')}`;
      const { resultId } = await publishResult(h, idNumber, { name, components: [{ skill: 'Reading', score: 150 + i }, { skill: 'use of english', score: 161 }, { skill: 'Mediation', score: 140 }] });
      const token = await h.issuer.sign({ sub: `cand-${i}`, roles: ['candidate'], idn: idNumber });
      for (const r of org.recipients) shareIds.push((await h.send(token, { resultId, recipientId: r.recipientId, consent: true }).expect(201)).body.shareId);
      if (i === 0) await h.send(token, { resultId, recipientId: other.recipients[0].recipientId, consent: true }).expect(201);
    }
    await expectEventually(async () => assert.equal((await h.get('/api/v1/institution/shares?limit=200', orgUser).expect(200)).body.items.length, 12));
    await h.get(`/api/v1/institution/shares/${shareIds[0]}`, orgUser).expect(200);
  });

  after(() => h.close());

  it('answers UTF-8 CSV with a byte order mark, a header row and one row per share; names in any script survive; marks nothing read', async () => {
    const r = await download('?format=csv').expect(200);
    assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(r.headers['content-disposition'], /^attachment; filename="shares-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = r.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.startsWith(`${HEADER}\r\n`));
    const [header, ...rows] = parseCsv(text);
    assert.equal(header.join(','), HEADER);
    assert.equal(rows.length, 12);
    assert.deepEqual(new Set(rows.map((row) => row[0])), new Set(shareIds));
    const col = (name: string) => header.indexOf(name);
    const names = new Set(rows.map((row) => row[col('candidate name')]));
    for (const name of ['山田 花子', 'Zoë Ångström', 'Олена Коваленко', 'محمد علي', 'O"Brien, Seán']) assert.ok(names.has(name), name);
    assert.ok(names.has("'=1+2"), 'a cell a spreadsheet would run as a formula is escaped');
    const hanako = rows.find((row) => row[col('candidate name')] === '山田 花子')!;
    assert.equal(hanako[col('date of birth')], '2001-04-02');
    assert.equal(hanako[col('ID Number')], 'C40000000');
    assert.equal(hanako[col('overall score')], '168');
    assert.equal(hanako[col('Reading')], '150');
    assert.equal(hanako[col('Use of English')], '161');
    assert.equal(hanako[col('Writing')], '');
    assert.equal(hanako[col('other skills')], 'Mediation: 140');
    assert.equal(hanako[col('exam date')], '2026-06-14');
    assert.match(hanako[col('verification code')], /^V/);
    assert.ok(['Faculty of Law', 'Faculty of Science'].includes(hanako[col('department')]));
    // Unread first, as in the inbox; exporting read nothing.
    assert.deepEqual(rows.map((row) => row[col('status')]), [...Array(11).fill('unread'), 'read']);
    const again = parseCsv((await download('').expect(200)).body.subarray(3).toString('utf8'));
    assert.equal(again.filter((row) => row[col('status')] === 'unread').length, 11);
  });

  it('takes the inbox filters, and shows an organisation its own shares only', async () => {
    const rowsOf = async (query: string, token = orgUser) => parseCsv(((await download(query, token).expect(200)).body as Buffer).subarray(3).toString('utf8')).slice(1);
    assert.equal((await rowsOf('?status=read')).length, 1);
    assert.equal((await rowsOf('?status=unread')).length, 11);
    assert.equal((await rowsOf(`?recipientId=${org.recipients[1].recipientId}`)).length, 6);
    assert.equal((await rowsOf('?to=2020-01-01')).length, 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await rowsOf(`?from=${today}&to=${today}`)).length, 12);
    assert.equal((await rowsOf('', otherUser)).length, 1);
    assert.equal((await rowsOf(`?recipientId=${org.recipients[0].recipientId}`, otherUser)).length, 0);
  });

  it('streams page by page: a small page size gives the same rows', async () => {
    const stream = await h.app.get(QueryBus).execute<ExportInboxQuery, Readable>(new ExportInboxQuery({ organisationId: org.organisationId }, 5));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    const paged = Buffer.concat(chunks).subarray(3).toString('utf8');
    const whole = ((await download('').expect(200)).body as Buffer).subarray(3).toString('utf8');
    assert.deepEqual(parseCsv(paged).map((row) => row[0]), parseCsv(whole).map((row) => row[0]));
    assert.equal(parseCsv(paged).length, 13);
  });

  it('refuses a bad format, bad dates and other kinds of account', async () => {
    const bad = async (query: string, code?: string) => {
      const r = await h.get(`/api/v1/institution/shares/export${query}`, orgUser).expect(400);
      if (code) assert.equal(r.body.code, code);
    };
    await bad('?format=xlsx');
    await bad('?from=2026-13-01', 'PAGE.INVALID_DATE');
    await bad('?from=2026-12-02&to=2026-12-01', 'PAGE.INVALID_RANGE');
    await bad('?limit=5');
    const candidate = await h.issuer.sign({ sub: 'cand-x', roles: ['candidate'], idn: 'C49999999' });
    await h.get('/api/v1/institution/shares/export', candidate).expect(403);
    await h.api.get('/api/v1/institution/shares/export').expect(401);
  });
});
