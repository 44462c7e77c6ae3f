import { describe, expect, it } from 'vitest';
import type { Inbox, MyShare, OpenedShare } from '../../../libs/contracts/src/http/index.js';
import { sortInbox, toCandidateShare, toInboxItem, toSharedResult } from './normalise';

const inboxShare = (shareId: string, status: 'unread' | 'read', sharedAt: string): Inbox['items'][number] => ({
  shareId,
  resultId: `result-${shareId}`,
  recipient: { recipientId: 'r1', organisationName: 'Kanto University', department: null },
  candidate: { name: 'Aiko Tanaka', dateOfBirth: '2001-04-23', idNumber: 'C12345678' },
  qualification: 'C1 Advanced',
  cefrLevel: 'Council of Europe Level C1',
  sharedAt,
  status,
  readAt: null,
  amendedAt: null,
});

describe('organisation answers, flattened for the screens', () => {
  it('reads an inbox item by its exact fields; a single-account organisation has an empty department', () => {
    expect(toInboxItem(inboxShare('s1', 'unread', '2025-01-02T10:00:00Z'))).toEqual({
      shareId: 's1',
      status: 'unread',
      sharedAt: '2025-01-02T10:00:00Z',
      readAt: null,
      candidateName: 'Aiko Tanaka',
      idNumber: 'C12345678',
      dateOfBirth: '2001-04-23',
      qualification: 'C1 Advanced',
      cefrLevel: 'Council of Europe Level C1',
      recipientId: 'r1',
      department: '',
      amendedAt: null,
      withdrawal: null,
    });
  });

  it('a withdrawn inbox item has no candidate or result: the row says who withdrew it instead', () => {
    const { candidate: _c, qualification: _q, cefrLevel: _l, ...rest } = inboxShare('w1', 'read', '2025-01-02T10:00:00Z');
    const item = toInboxItem({
      ...rest,
      status: 'withdrawn',
      withdrawal: { at: '2025-01-03T09:00:00Z', by: 'candidate', reason: null },
    });
    expect(item).toMatchObject({ status: 'withdrawn', candidateName: '', idNumber: '', qualification: '', cefrLevel: '' });
    expect(item.withdrawal).toEqual({ at: '2025-01-03T09:00:00Z', by: 'candidate', reason: null });
  });

  it('puts unread first, then the newest', () => {
    const sorted = sortInbox(
      [inboxShare('a', 'read', '2025-01-03'), inboxShare('b', 'unread', '2025-01-01'), inboxShare('c', 'unread', '2025-01-02')].map(
        toInboxItem,
      ),
    );
    expect(sorted.map((i) => i.shareId)).toEqual(['c', 'b', 'a']);
  });

  it('reads a shared result with its candidate, result and account', () => {
    const result = {
      qualification: 'Q',
      cefrLevel: 'B2',
      overallScore: 168,
      grade: 'B',
      components: [{ skill: 'Reading', score: 170 }],
      examDate: '2024-06-15',
      verificationCode: 'ABCD-EFGH-JKLM',
    };
    const shared = toSharedResult({
      shareId: 's1',
      status: 'read',
      sharedAt: 'x',
      readAt: 'y',
      recipient: { recipientId: 'r1', organisationName: 'Kanto University', department: 'Faculty of Law' },
      candidate: { name: 'Aiko', dateOfBirth: '2000-01-01', idNumber: 'ID1' },
      result,
      amendments: [],
      timeline: [{ event: 'sent', at: 'x' }],
    });
    expect(shared.candidate).toEqual({ name: 'Aiko', dateOfBirth: '2000-01-01', idNumber: 'ID1' });
    expect(shared.result).toEqual(result);
    expect([shared.organisationName, shared.department]).toEqual(['Kanto University', 'Faculty of Law']);
    expect(shared.timeline).toEqual([{ event: 'sent', at: 'x' }]);
    expect(shared.withdrawal).toBeNull();
  });

  it('reads a withdrawn shared result without details, and an older answer without the life fields', () => {
    const shared = toSharedResult({
      shareId: 's2',
      status: 'withdrawn',
      sharedAt: 'x',
      readAt: null,
      recipient: { recipientId: 'r1', organisationName: 'Kanto University', department: null },
      withdrawal: { at: 'y', by: 'exam-centre', reason: 'Malpractice' },
    } as unknown as OpenedShare);
    expect([shared.candidate, shared.result]).toEqual([null, null]);
    expect([shared.amendments, shared.timeline]).toEqual([[], []]);
    expect(shared.withdrawal?.by).toBe('exam-centre');
  });

  it('gives a candidate\'s share an empty department and timeline rather than null or nothing', () => {
    const share = toCandidateShare({
      shareId: 's3',
      resultId: 'r',
      recipient: { recipientId: 'r1', organisationName: 'Kanto University', department: null },
      sharedAt: 'x',
      status: 'pending',
      readAt: null,
    } as unknown as MyShare);
    expect(share.recipient.department).toBe('');
    expect([share.timeline, share.amendedAt]).toEqual([[], null]);
  });
});
