import type { CurrentResult } from '#libs/contracts';
import type { ResultState } from './result.decider.js';

/** The exam centre's view of a result: the current version, its amendments oldest first, its withdrawal. */
export function toCurrentResult(state: Exclude<ResultState, { status: 'none' }>): CurrentResult {
  const r = state.result;
  return {
    resultId: r.resultId,
    idNumber: r.idNumber,
    qualification: r.qualification,
    cefrLevel: r.cefrLevel,
    overallScore: r.overallScore,
    grade: r.grade,
    components: r.components,
    examDate: r.examDate,
    verificationCode: r.verificationCode,
    amendments: state.amendments.map((a) => ({ at: a.at, reason: a.reason, changes: a.changes })),
    withdrawal: state.withdrawal,
  };
}
