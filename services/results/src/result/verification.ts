import type { StatementVerification, VerifiedResult } from '#libs/contracts';
import type { ResultView } from '../projections/results.read-model.js';

/**
 * A verification code as stored (groups of four, `K7PQ-2XW9-MRA`: 11 characters today), from what
 * a person typed or a link carried: any case, spaces, with or without the hyphens; null when it
 * cannot be a code at all.
 */
export function normaliseCode(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,16}$/.test(compact) ? compact.replace(/(.{4})(?!$)/g, '$1-') : null;
}

/** A genuine Statement of Results, as issued. */
export const toVerifiedResult = (r: ResultView): VerifiedResult => ({
  verificationCode: r.verificationCode,
  candidate: { name: r.candidate.name, dateOfBirth: r.candidate.dateOfBirth, idNumber: r.idNumber },
  qualification: r.qualification,
  cefrLevel: r.cefrLevel,
  overallScore: r.overallScore,
  grade: r.grade,
  components: r.components,
  examDate: r.examDate,
});

/**
 * What one statement verifies as, given the released result its code names (if any). A wrong date
 * of birth answers exactly like an unknown code, so that codes cannot be enumerated; a withdrawn
 * result says so (to whoever knows the date of birth) without its details.
 */
export function verdict(code: string, dateOfBirth: string, result: ResultView | null | undefined): StatementVerification {
  if (!result || result.candidate.dateOfBirth !== dateOfBirth) return { code, status: 'not-found' };
  if (result.withdrawnAt) return { code, status: 'withdrawn' };
  return { code, status: 'genuine', result: toVerifiedResult(result) };
}
