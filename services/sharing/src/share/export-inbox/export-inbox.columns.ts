import type { ShareView } from '../../projections/shares.read-model.js';

/** The skills of Cambridge English results, one column each; any other skill goes to "other skills". */
export const SKILLS = ['Reading', 'Writing', 'Listening', 'Speaking', 'Use of English'] as const;

/** The header row: the columns product.md names, a column per skill. */
export const HEADER = [
  'shareId',
  'sharedAt',
  'status',
  'readAt',
  'department',
  'candidate name',
  'date of birth',
  'ID Number',
  'qualification',
  'CEFR level',
  'overall score',
  'grade',
  ...SKILLS,
  'other skills',
  'exam date',
  'verification code',
];

/** One share as one row, in HEADER's order (an empty cell for what the share has not got; a withdrawn share keeps shareId, sharedAt, status and department only). */
export function rowOf(s: ShareView): (string | number)[] {
  // A withdrawn share's details are no longer the organisation's: its row says only that it was.
  if (s.status === 'withdrawn') return [s._id, s.sharedAt, s.status, '', s.recipient.department ?? '', ...HEADER.slice(5).map(() => '')];
  const scores = new Map(s.result.components.map((c) => [c.skill.toLowerCase(), c] as const));
  const known = new Set(SKILLS.map((k) => k.toLowerCase()));
  const others = s.result.components.filter((c) => !known.has(c.skill.toLowerCase()));
  return [
    s._id,
    s.sharedAt,
    s.status,
    s.readAt ?? '',
    s.recipient.department ?? '',
    s.candidate.name,
    s.candidate.dateOfBirth,
    s.idNumber,
    s.qualification,
    s.cefrLevel,
    s.result.overallScore,
    s.result.grade,
    ...SKILLS.map((k) => scores.get(k.toLowerCase())?.score ?? ''),
    others.map((c) => `${c.skill}: ${c.score}`).join('; '),
    s.result.examDate,
    s.result.verificationCode,
  ];
}
