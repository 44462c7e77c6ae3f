import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../../libs/contracts/src/http/index.js';
import { sortInbox, toInboxItem, toSharedResult } from './normalise';

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
    });
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
    });
    expect(shared.candidate).toEqual({ name: 'Aiko', dateOfBirth: '2000-01-01', idNumber: 'ID1' });
    expect(shared.result).toEqual(result);
    expect([shared.organisationName, shared.department]).toEqual(['Kanto University', 'Faculty of Law']);
  });
});
