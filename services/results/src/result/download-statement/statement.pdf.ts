import PDFDocument from 'pdfkit';
import type { ResultView } from '../../projections/results.read-model.js';

/** Renders the Statement of Results: every field of the result and the code to verify it. */
export function renderStatement(result: ResultView & { resultId: string }, publicUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Statement of Results', Author: 'Results Service' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(20).text('Statement of Results', { align: 'left' }).moveDown(0.5);
  doc.fontSize(10).fillColor('#444').text('This statement is issued by the Results Service on behalf of the exam board.').moveDown();
  const row = (label: string, value: string) => {
    doc.fillColor('#000').font('Helvetica-Bold').text(label, { continued: true }).font('Helvetica').text(`  ${value}`);
  };
  doc.fontSize(12);
  row('Candidate:', result.candidate.name);
  row('Date of birth:', result.candidate.dateOfBirth);
  row('ID Number:', result.idNumber);
  doc.moveDown();
  row('Qualification:', result.qualification);
  row('Result:', result.cefrLevel);
  row('Overall score:', String(result.overallScore));
  row('Grade:', result.grade);
  row('Exam date:', result.examDate);
  doc.moveDown().font('Helvetica-Bold').text('Scores by skill');
  doc.font('Helvetica');
  for (const c of result.components) doc.text(`${c.skill}: ${c.score}`);
  doc.moveDown(2);
  doc.fontSize(11).font('Helvetica-Bold').text(`Verification code: ${result.verificationCode}`);
  doc.font('Helvetica').fontSize(9).fillColor('#444')
    .text(`An organisation can check this statement at ${publicUrl}/api/v1/verification/${result.verificationCode}`);
  doc.end();
  return done;
}
