import { request, requestJson } from './client';
import { toInboxItem, toSharedResult } from './normalise';
import type {
  CandidateShare,
  InboxItem,
  Recipient,
  Result,
  ShareAnswer,
  ShareStatus,
  SharedResult,
} from './types';

const noAuth = { auth: false } as const;
const enc = encodeURIComponent;

export const api = {
  register: (body: { idNumber: string; secretNumber: string; email: string; password: string }) =>
    requestJson<{ candidateId: string }>('POST', '/candidates', { ...noAuth, body }),

  requestPasswordReset: (body: { idNumber: string } | { email: string }) =>
    requestJson<void>('POST', '/auth/password-reset', { ...noAuth, body }),

  confirmPasswordReset: (body: { token: string; newPassword: string }) =>
    requestJson<void>('POST', '/auth/password-reset/confirm', { ...noAuth, body }),

  acceptInvitation: (token: string, body: { contactName: string; password: string }) =>
    requestJson<{ organisationId: string; recipientId: string }>(
      'POST',
      `/directory/invitations/${enc(token)}/accept`,
      {
        ...noAuth,
        body,
      },
    ),

  myResults: async (signal?: AbortSignal) =>
    (await requestJson<{ items: Result[] }>('GET', '/me/results', signal ? { signal } : {})).items.map(
      (r) => ({
        ...r,
        components: r.components ?? [],
        restrictions: r.restrictions ?? [],
      }),
    ),

  statement: async (resultId: string): Promise<Blob> =>
    (await request('GET', `/me/results/${enc(resultId)}/statement`)).blob(),

  search: async (q: string, signal: AbortSignal, limit = 10) =>
    (
      await requestJson<{ items: Recipient[] }>('GET', `/directory/search?q=${enc(q)}&limit=${limit}`, {
        signal,
      })
    ).items.map((r) => ({ ...r, department: r.department ?? '' })),

  invite: (body: { organisationName: string; email: string; website: string }) =>
    requestJson<{ invitationId: string }>('POST', '/directory/invitations', { body }),

  share: async (body: { resultId: string; recipientId: string; consent: true }) => {
    const response = await request('POST', '/me/shares', { body });
    return { ...((await response.json()) as ShareAnswer), repeat: response.status === 200 };
  },

  myShares: async (signal?: AbortSignal) =>
    (await requestJson<{ items: CandidateShare[] }>('GET', '/me/shares', signal ? { signal } : {})).items.map(
      (s) => ({
        ...s,
        recipient: { ...s.recipient, department: s.recipient.department ?? '' },
      }),
    ),

  inbox: async (status: ShareStatus | '', signal?: AbortSignal): Promise<InboxItem[]> => {
    const query = status ? `?status=${status}` : '';
    const answer = await requestJson<{ items: unknown[] }>(
      'GET',
      `/institution/shares${query}`,
      signal ? { signal } : {},
    );
    return (answer.items ?? []).map(toInboxItem);
  },

  sharedResult: async (shareId: string, signal?: AbortSignal): Promise<SharedResult> =>
    toSharedResult(
      await requestJson<unknown>('GET', `/institution/shares/${enc(shareId)}`, signal ? { signal } : {}),
    ),
};
