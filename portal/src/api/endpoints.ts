import {
  httpRoutes as routes,
  pathOf,
  type BodyOf,
  type QueryOf,
  type ResponseOf,
} from '../../../libs/contracts/src/http/routes.js';
import { request, requestJson } from './client';
import { toInboxItem, toSharedResult } from './normalise';
import type { CandidateShare, InboxItem, Recipient, Result, SharedResult, ShareStatus } from './types';

const noAuth = { auth: false } as const;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Every call the portal makes: its method and path from the route table, its types from the contracts. */
export const api = {
  register: (body: BodyOf<'registerCandidate'>) =>
    requestJson<ResponseOf<'registerCandidate'>>(routes.registerCandidate.method, routes.registerCandidate.path, {
      ...noAuth,
      body,
    }),

  requestPasswordReset: (body: BodyOf<'requestPasswordReset'>) =>
    requestJson<ResponseOf<'requestPasswordReset'>>(
      routes.requestPasswordReset.method,
      routes.requestPasswordReset.path,
      { ...noAuth, body },
    ),

  confirmPasswordReset: (body: BodyOf<'confirmPasswordReset'>) =>
    requestJson<void>(routes.confirmPasswordReset.method, routes.confirmPasswordReset.path, { ...noAuth, body }),

  acceptInvitation: (token: string, body: BodyOf<'acceptInvitation'>) =>
    requestJson<ResponseOf<'acceptInvitation'>>(
      routes.acceptInvitation.method,
      pathOf(routes.acceptInvitation.path, { token }),
      { ...noAuth, body },
    ),

  myResults: async (signal?: AbortSignal): Promise<Result[]> =>
    (await requestJson<ResponseOf<'myResults'>>(routes.myResults.method, routes.myResults.path, withSignal(signal)))
      .items,

  statement: async (resultId: string): Promise<Blob> =>
    (await request(routes.downloadStatement.method, pathOf(routes.downloadStatement.path, { resultId }))).blob(),

  search: async (q: string, signal: AbortSignal, limit = 10): Promise<Recipient[]> => {
    const query: QueryOf<'searchDirectory'> = { q, limit };
    const answer = await requestJson<ResponseOf<'searchDirectory'>>(
      routes.searchDirectory.method,
      pathOf(routes.searchDirectory.path, {}, { ...query }),
      { signal },
    );
    return answer.items.map((r) => ({ ...r, department: r.department ?? '' }));
  },

  invite: (body: BodyOf<'inviteInstitution'>) =>
    requestJson<ResponseOf<'inviteInstitution'>>(routes.inviteInstitution.method, routes.inviteInstitution.path, {
      body,
    }),

  /** A repeat (the result was sent to this account before) answers 200 with the same share. */
  share: async (body: BodyOf<'sendResult'>) => {
    const response = await request(routes.sendResult.method, routes.sendResult.path, { body });
    return { ...((await response.json()) as ResponseOf<'sendResult'>), repeat: response.status === 200 };
  },

  myShares: async (signal?: AbortSignal): Promise<CandidateShare[]> =>
    (
      await requestJson<ResponseOf<'myShares'>>(routes.myShares.method, routes.myShares.path, withSignal(signal))
    ).items.map((s) => ({ ...s, recipient: { ...s.recipient, department: s.recipient.department ?? '' } })),

  inbox: async (status: ShareStatus | '', signal?: AbortSignal): Promise<InboxItem[]> => {
    const query: QueryOf<'inbox'> = status ? { status } : {};
    const answer = await requestJson<ResponseOf<'inbox'>>(
      routes.inbox.method,
      pathOf(routes.inbox.path, {}, { ...query }),
      withSignal(signal),
    );
    return answer.items.map(toInboxItem);
  },

  sharedResult: async (shareId: string, signal?: AbortSignal): Promise<SharedResult> =>
    toSharedResult(
      await requestJson<ResponseOf<'openShare'>>(
        routes.openShare.method,
        pathOf(routes.openShare.path, { shareId }),
        withSignal(signal),
      ),
    ),
};
