import {
  httpRoutes as routes,
  pathOf,
  type BodyOf,
  type QueryOf,
  type ResponseOf,
} from '../../../libs/contracts/src/http/routes.js';
import { request, requestJson } from './client';
import { toCandidateShare, toInboxItem, toSharedResult } from './normalise';
import type { CandidateShare, InboxItem, Recipient, Result, SharedResult } from './types';

const noAuth = { auth: false } as const;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** One page of a list and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type InboxFilters = Omit<QueryOf<'inbox'>, 'limit' | 'cursor'>;

/** Query values as pathOf takes them (empty ones are left out there). */
const queryOf = (q: object): Record<string, string | number | undefined> => ({ ...q });

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

  previewInvitation: (token: string, signal?: AbortSignal) =>
    requestJson<ResponseOf<'previewInvitation'>>(
      routes.previewInvitation.method,
      pathOf(routes.previewInvitation.path, { token }),
      { ...noAuth, ...withSignal(signal) },
    ),

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

  /** One page of "Shared with", newest first. */
  myShares: async (cursor: string | null, signal?: AbortSignal, limit = 50): Promise<Page<CandidateShare>> => {
    const query: QueryOf<'myShares'> = { limit, ...(cursor ? { cursor } : {}) };
    const answer = await requestJson<ResponseOf<'myShares'>>(
      routes.myShares.method,
      pathOf(routes.myShares.path, {}, queryOf(query)),
      withSignal(signal),
    );
    return { items: answer.items.map(toCandidateShare), nextCursor: answer.nextCursor ?? null };
  },

  /**
   * Attaches a result to an invitation the candidate sent (with consent): 202 `pending`, delivered
   * when the invited organisation joins; 200 when it was attached before.
   */
  shareWithInvitation: async (resultId: string, invitationId: string) => {
    const body: BodyOf<'sendResult'> = { resultId, invitationId, consent: true };
    const response = await request(routes.sendResult.method, routes.sendResult.path, { body });
    return { ...((await response.json()) as ResponseOf<'sendResult'>), repeat: response.status === 200 };
  },

  /** Takes back an unread share (409 once the organisation has read it): the share as it now is. */
  withdrawShare: async (shareId: string): Promise<CandidateShare> => {
    const body: BodyOf<'withdrawShare'> = {};
    return toCandidateShare(
      await requestJson<ResponseOf<'withdrawShare'>>(routes.withdrawShare.method, pathOf(routes.withdrawShare.path, { shareId }), {
        body,
      }),
    );
  },

  /** The signed-in account; for a candidate, with the e-mails they asked for. */
  myAccount: (signal?: AbortSignal) =>
    requestJson<ResponseOf<'myAccount'>>(routes.myAccount.method, routes.myAccount.path, withSignal(signal)),

  /** The candidate's opt-in e-mails (either or both): the settings as they now are. */
  updateNotifications: (body: BodyOf<'updateNotifications'>) =>
    requestJson<ResponseOf<'updateNotifications'>>(routes.updateNotifications.method, routes.updateNotifications.path, {
      body,
    }),

  /** One page of the inbox, unread first then newest, filtered by the API. */
  inbox: async (filters: InboxFilters, cursor: string | null, signal?: AbortSignal, limit = 50): Promise<Page<InboxItem>> => {
    const query: QueryOf<'inbox'> = { ...filters, limit, ...(cursor ? { cursor } : {}) };
    const answer = await requestJson<ResponseOf<'inbox'>>(
      routes.inbox.method,
      pathOf(routes.inbox.path, {}, queryOf(query)),
      withSignal(signal),
    );
    return { items: answer.items.map(toInboxItem), nextCursor: answer.nextCursor ?? null };
  },

  /** The inbox as CSV, with the same filters (paging aside). */
  exportInbox: async (filters: InboxFilters): Promise<Blob> => {
    const { q: _q, ...rest } = filters;
    const query: QueryOf<'exportInbox'> = { format: 'csv', ...rest };
    return (await request(routes.exportInbox.method, pathOf(routes.exportInbox.path, {}, queryOf(query)))).blob();
  },

  sharedResult: async (shareId: string, signal?: AbortSignal): Promise<SharedResult> =>
    toSharedResult(
      await requestJson<ResponseOf<'openShare'>>(
        routes.openShare.method,
        pathOf(routes.openShare.path, { shareId }),
        withSignal(signal),
      ),
    ),

  /** Anyone holding a statement: is it genuine and current? */
  verifyStatement: (body: BodyOf<'verifyStatement'>) =>
    requestJson<ResponseOf<'verifyStatement'>>(routes.verifyStatement.method, routes.verifyStatement.path, {
      ...noAuth,
      body,
    }),

  /** An organisation checks up to 2,000 statements; the answers come in the order sent. */
  verifyStatements: (body: BodyOf<'verifyStatements'>) =>
    requestJson<ResponseOf<'verifyStatements'>>(routes.verifyStatements.method, routes.verifyStatements.path, { body }),
};
