import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import type { ResultView } from '../../services/results/src/projections/results.read-model.js';
import { renderStatement } from '../../services/results/src/result/download-statement/statement.pdf.js';
import { envInt, round, stats, table, writeResult, type Stats } from '../harness.js';

const result = (name: string): ResultView => ({
  _id: '7d1f0c2e-8f4b-4a7e-9c61-2b1d3e4f5a6b',
  _version: 1,
  entryId: 'e1',
  idNumber: 'C12345678',
  candidate: { name, dateOfBirth: '2001-04-02' },
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: ['Reading', 'Writing', 'Listening', 'Speaking', 'Use of English'].map((skill, i) => ({ skill, score: 160 + i })),
  examDate: '2026-06-14',
  releaseAt: '2026-07-01T00:00:00.000Z',
  restrictions: [],
  verificationCode: 'NCIK-XNBV-BWW',
  publishedAt: '2026-07-01T00:00:00.000Z',
});
const VERIFY_URL = 'https://results.example/verify?code=NCIK-XNBV-BWW';

/** The statement as it was before the fonts, QR code and Japanese layout: pdfkit's built-in Helvetica, text only (the baseline). */
function helveticaStatement(r: ResultView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Statement of Results', Author: 'Results Service' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(20).text('Statement of Results').moveDown(0.5);
  doc.fontSize(10).fillColor('#444').text('This statement is issued by the Results Service on behalf of the exam board.').moveDown();
  const row = (label: string, value: string) => doc.fillColor('#000').font('Helvetica-Bold').text(label, { continued: true }).font('Helvetica').text(`  ${value}`);
  doc.fontSize(12);
  row('Candidate:', r.candidate.name);
  row('Date of birth:', r.candidate.dateOfBirth);
  row('ID Number:', r.idNumber);
  row('Qualification:', r.qualification);
  row('Result:', r.cefrLevel);
  row('Overall score:', String(r.overallScore));
  row('Grade:', r.grade);
  row('Exam date:', r.examDate);
  for (const c of r.components) doc.text(`${c.skill}: ${c.score}`);
  doc.font('Helvetica-Bold').text(`Verification code: ${r.verificationCode}`);
  doc.font('Helvetica').fontSize(9).text(`An organisation can check this statement at ${VERIFY_URL}`);
  doc.end();
  return done;
}

interface Case {
  target: string;
  render: () => Promise<Buffer>;
}

/**
 * The Statement of Results' generation time in this process: STATEMENT_RENDERS (200) renders of
 * each case after a warm-up, against the statement as it was (built-in Helvetica, no QR code) in
 * the same run; the first render of the process (reading and parsing the fonts) apart.
 */
export async function runStatement() {
  const renders = envInt('STATEMENT_RENDERS', 200);
  const firstStarted = performance.now();
  await renderStatement(result('山田 花子'), { verifyUrl: VERIFY_URL, language: 'ja' });
  const firstMs = performance.now() - firstStarted;
  const cases: Case[] = [
    { target: 'before: built-in Helvetica, text only (baseline)', render: () => helveticaStatement(result('Hanako Yamada')) },
    { target: 'English layout, Latin name', render: () => renderStatement(result('Hanako Yamada'), { verifyUrl: VERIFY_URL, language: 'en' }) },
    { target: 'English layout, 山田 花子', render: () => renderStatement(result('山田 花子'), { verifyUrl: VERIFY_URL, language: 'en' }) },
    { target: 'Japanese layout, 山田 花子', render: () => renderStatement(result('山田 花子'), { verifyUrl: VERIFY_URL, language: 'ja' }) },
    { target: 'Japanese layout, محمد عبد الله', render: () => renderStatement(result('محمد عبد الله'), { verifyUrl: VERIFY_URL, language: 'ja' }) },
  ];
  const rows: { target: string; stats: Stats; bytes: number }[] = [];
  for (const c of cases) {
    for (let i = 0; i < 10; i++) await c.render();
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < renders; i++) {
      const t = performance.now();
      bytes = (await c.render()).length;
      samples.push(performance.now() - t);
    }
    rows.push({ target: c.target, stats: stats(samples), bytes });
  }
  const [baseline] = rows as [(typeof rows)[number]];
  table(`statement PDF: ${renders} renders each after a warm-up (first render in the process, fonts read and parsed: ${firstMs.toFixed(0)} ms)`, rows.map((r) => ({
    target: r.target,
    'median ms': r.stats.p50,
    'p99 ms': r.stats.p99,
    'PDF KB': r.bytes / 1024,
    'ratio to baseline (median)': r.stats.p50 / baseline.stats.p50,
  })));
  const japanese = rows[3]?.stats.p50 ?? Infinity;
  const met = japanese < 50;
  console.log(`target a Japanese statement in under 50 ms (median): ${met ? 'MET' : 'MISSED'} (${japanese.toFixed(1)} ms; before ${baseline.stats.p50.toFixed(1)} ms with Helvetica and no QR code)`);
  const file = await writeResult('statement', { renders, firstMs: round(firstMs), rows, target: { maxMedianMs: 50, met } });
  console.log(`wrote ${file}`);
  return { firstMs, rows, met };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStatement();
}
