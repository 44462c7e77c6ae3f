// The organisation routes answer with candidate and result details whose exact nesting is the
// back end's choice (`candidate.name` or `candidateName`, `result.qualification` or flat): these
// readers accept either so the screens stay simple.
import type { InboxItem, SharedResult, SkillScore } from './types';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const str = (...values: unknown[]): string => {
  const found = values.find((v) => typeof v === 'string' || typeof v === 'number');
  return found === undefined ? '' : String(found);
};
const num = (...values: unknown[]): number | null => {
  const found = values.find(
    (v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))),
  );
  return found === undefined ? null : Number(found);
};

function parts(raw: unknown) {
  const o = obj(raw);
  const candidate = obj(o['candidate']);
  const result = obj(o['result']);
  const recipient = obj(o['recipient']);
  return { o, candidate, result, recipient };
}

export function toInboxItem(raw: unknown): InboxItem {
  const { o, candidate, result, recipient } = parts(raw);
  return {
    shareId: str(o['shareId'], o['id']),
    status: o['status'] === 'read' ? 'read' : 'unread',
    sharedAt: str(o['sharedAt']),
    readAt: str(o['readAt']) || null,
    candidateName: str(candidate['name'], candidate['fullName'], o['candidateName']),
    idNumber: str(candidate['idNumber'], o['idNumber']),
    qualification: str(result['qualification'], o['qualification']),
    overallScore: num(result['overallScore'], o['overallScore']),
    recipientId: str(recipient['recipientId'], o['recipientId']),
    department: str(recipient['department'], o['department']),
  };
}

function toComponents(value: unknown): SkillScore[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => {
    const item = obj(c);
    return { skill: str(item['skill'], item['name']), score: num(item['score']) ?? 0 };
  });
}

export function toSharedResult(raw: unknown): SharedResult {
  const { o, candidate, result, recipient } = parts(raw);
  const r = Object.keys(result).length > 0 ? result : o;
  return {
    shareId: str(o['shareId'], o['id']),
    status: o['status'] === 'unread' ? 'unread' : 'read',
    sharedAt: str(o['sharedAt']),
    readAt: str(o['readAt']) || null,
    department: str(recipient['department'], o['department']),
    organisationName: str(recipient['organisationName'], o['organisationName']),
    candidate: {
      name: str(candidate['name'], candidate['fullName'], o['candidateName']),
      dateOfBirth: str(candidate['dateOfBirth'], o['dateOfBirth']),
      idNumber: str(candidate['idNumber'], o['idNumber']),
    },
    result: {
      resultId: str(r['resultId']) || undefined,
      qualification: str(r['qualification']),
      cefrLevel: str(r['cefrLevel']),
      overallScore: num(r['overallScore']) ?? 0,
      grade: str(r['grade']),
      components: toComponents(r['components']),
      examDate: str(r['examDate']),
      releasedAt: str(r['releasedAt']) || undefined,
      verificationCode: str(r['verificationCode']) || undefined,
    },
  };
}

/** Unread first, then newest first. */
export function sortInbox(items: InboxItem[]): InboxItem[] {
  return [...items].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'unread' ? -1 : 1) || b.sharedAt.localeCompare(a.sharedAt),
  );
}
