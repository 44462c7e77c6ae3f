import { describe, expect, it } from 'vitest';
import { sortInbox, toInboxItem, toSharedResult } from './normalise';

describe('organisation answers', () => {
  it('reads nested and flat inbox items alike', () => {
    const nested = toInboxItem({
      shareId: 's1',
      status: 'unread',
      sharedAt: '2025-01-02T10:00:00Z',
      readAt: null,
      candidate: { name: 'Aiko Tanaka', idNumber: 'ID1' },
      result: { qualification: 'C1 Advanced', overallScore: 185 },
      recipient: { recipientId: 'r1', department: 'Admissions' },
    });
    const flat = toInboxItem({
      shareId: 's1',
      status: 'unread',
      sharedAt: '2025-01-02T10:00:00Z',
      candidateName: 'Aiko Tanaka',
      idNumber: 'ID1',
      qualification: 'C1 Advanced',
      overallScore: 185,
      recipientId: 'r1',
      department: 'Admissions',
    });
    expect(nested).toEqual(flat);
    expect(nested.candidateName).toBe('Aiko Tanaka');
  });

  it('puts unread first, then the newest', () => {
    const item = (shareId: string, status: string, sharedAt: string) =>
      toInboxItem({ shareId, status, sharedAt });
    const sorted = sortInbox([
      item('a', 'read', '2025-01-03'),
      item('b', 'unread', '2025-01-01'),
      item('c', 'unread', '2025-01-02'),
    ]);
    expect(sorted.map((i) => i.shareId)).toEqual(['c', 'b', 'a']);
  });

  it('reads a shared result with its candidate and components', () => {
    const shared = toSharedResult({
      shareId: 's1',
      status: 'read',
      sharedAt: 'x',
      readAt: 'y',
      candidate: { name: 'Aiko', dateOfBirth: '2000-01-01', idNumber: 'ID1' },
      result: {
        qualification: 'Q',
        cefrLevel: 'B2',
        overallScore: 168,
        grade: 'B',
        components: [{ skill: 'Reading', score: 170 }],
        examDate: '2024-06-15',
      },
    });
    expect(shared.candidate).toEqual({ name: 'Aiko', dateOfBirth: '2000-01-01', idNumber: 'ID1' });
    expect(shared.result.components).toEqual([{ skill: 'Reading', score: 170 }]);
    expect(shared.result.overallScore).toBe(168);
  });
});
