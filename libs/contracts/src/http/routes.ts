// The public HTTP API, declared once: each route's method, exact path, owning service, who may
// call it, its rate-limit class and its body, query and answer types. The gateway forwards exactly
// these (services/gateway/src/routes), the portal takes its paths and types from here, and the
// route-table specs check that each service serves its routes as declared. No NestJS here: the
// portal imports this file.
import type { AccountRole } from './identity.http.js';
import type * as D from './directory.http.js';
import type * as I from './identity.http.js';
import type * as R from './results.http.js';
import type * as S from './sharing.http.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type OwningService = 'identity' | 'results' | 'directory' | 'sharing';
/** `guess`: routes where guessing is possible get a tighter per-address budget at the gateway. */
export type RateLimitClass = 'default' | 'guess';
/** `public`: no access token; otherwise the roles any one of which may call. */
export type Access = 'public' | readonly AccountRole[];

export interface RouteSpec {
  method: HttpMethod;
  /** The exact pattern, parameters as `:name`. */
  path: `/api/v1/${string}`;
  service: OwningService;
  access: Access;
  rateLimit: RateLimitClass;
  /** The OpenAPI tag the route is listed under. */
  tag: string;
  /** The largest JSON body in bytes, where a route takes more than every other route's 64 KB (gateway and service alike). */
  bodyLimit?: number;
}

/** What a route takes and answers (types only: the services validate). */
export interface RouteTypes {
  body?: unknown;
  query?: unknown;
  response: unknown;
}

/** A route with its types attached (phantom: never set at run time). */
export type Route<S extends RouteSpec = RouteSpec, T extends RouteTypes = RouteTypes> = S & { readonly types?: T };

const route =
  <T extends RouteTypes>() =>
  <const S extends RouteSpec>(spec: S): Route<S, T> =>
    spec;

const ANY_ROLE = ['candidate', 'organisation', 'exam-centre', 'operator'] as const;

export const httpRoutes = {
  registerCandidate: route<{ body: I.RegisterCandidateBody; response: I.RegisteredCandidate }>()({ method: 'POST', path: '/api/v1/candidates', service: 'identity', access: 'public', rateLimit: 'guess', tag: 'auth' }),
  login: route<{ body: I.LoginBody; response: I.TokenPair }>()({ method: 'POST', path: '/api/v1/auth/login', service: 'identity', access: 'public', rateLimit: 'guess', tag: 'auth' }),
  refresh: route<{ body: I.RefreshBody; response: I.TokenPair }>()({ method: 'POST', path: '/api/v1/auth/refresh', service: 'identity', access: 'public', rateLimit: 'guess', tag: 'auth' }),
  requestPasswordReset: route<{ body: I.PasswordResetBody; response: I.PasswordResetRequested }>()({ method: 'POST', path: '/api/v1/auth/password-reset', service: 'identity', access: 'public', rateLimit: 'guess', tag: 'auth' }),
  confirmPasswordReset: route<{ body: I.ConfirmPasswordResetBody; response: void }>()({ method: 'POST', path: '/api/v1/auth/password-reset/confirm', service: 'identity', access: 'public', rateLimit: 'guess', tag: 'auth' }),
  myAccount: route<{ response: I.MyAccount }>()({ method: 'GET', path: '/api/v1/me', service: 'identity', access: ANY_ROLE, rateLimit: 'default', tag: 'auth' }),
  updateNotifications: route<{ body: Partial<I.NotificationSettings>; response: I.NotificationSettings }>()({ method: 'PUT', path: '/api/v1/me/notifications', service: 'identity', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),

  myResults: route<{ response: R.MyResults }>()({ method: 'GET', path: '/api/v1/me/results', service: 'results', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),
  downloadStatement: route<{ query: R.StatementQuery; response: Blob }>()({ method: 'GET', path: '/api/v1/me/results/:resultId/statement', service: 'results', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),
  sendResult: route<{ body: S.SendResultBody; response: S.SentShare }>()({ method: 'POST', path: '/api/v1/me/shares', service: 'sharing', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),
  withdrawShare: route<{ body: Record<string, never>; response: S.MyShare }>()({ method: 'POST', path: '/api/v1/me/shares/:shareId/withdrawal', service: 'sharing', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),
  myShares: route<{ query: S.MySharesQuery; response: S.MyShares }>()({ method: 'GET', path: '/api/v1/me/shares', service: 'sharing', access: ['candidate'], rateLimit: 'default', tag: 'candidate' }),

  searchDirectory: route<{ query: D.DirectorySearchQuery; response: D.DirectorySearchResults }>()({ method: 'GET', path: '/api/v1/directory/search', service: 'directory', access: ['candidate', 'operator'], rateLimit: 'default', tag: 'directory' }),
  inviteInstitution: route<{ body: D.InviteInstitutionBody; response: D.InvitationSent }>()({ method: 'POST', path: '/api/v1/directory/invitations', service: 'directory', access: ['candidate'], rateLimit: 'guess', tag: 'directory' }),
  acceptInvitation: route<{ body: D.AcceptInvitationBody; response: D.AcceptedInvitation }>()({ method: 'POST', path: '/api/v1/directory/invitations/:token/accept', service: 'directory', access: 'public', rateLimit: 'guess', tag: 'directory' }),
  previewInvitation: route<{ response: D.InvitationPreview }>()({ method: 'GET', path: '/api/v1/directory/invitations/:token', service: 'directory', access: 'public', rateLimit: 'guess', tag: 'directory' }),

  inbox: route<{ query: S.InboxQuery; response: S.Inbox }>()({ method: 'GET', path: '/api/v1/institution/shares', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  exportInbox: route<{ query: S.InboxExportQuery; response: Blob }>()({ method: 'GET', path: '/api/v1/institution/shares/export', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  openShare: route<{ response: S.OpenedShare }>()({ method: 'GET', path: '/api/v1/institution/shares/:shareId', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  readFeed: route<{ query: S.FeedQuery; response: S.FeedPage }>()({ method: 'GET', path: '/api/v1/institution/feed', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  putWebhook: route<{ body: S.PutWebhookBody; response: S.WebhookCreated }>()({ method: 'PUT', path: '/api/v1/institution/webhook', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  getWebhook: route<{ response: S.Webhook }>()({ method: 'GET', path: '/api/v1/institution/webhook', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  deleteWebhook: route<{ response: void }>()({ method: 'DELETE', path: '/api/v1/institution/webhook', service: 'sharing', access: ['organisation'], rateLimit: 'default', tag: 'organisation' }),
  verifyResult: route<{ response: R.VerifiedResult }>()({ method: 'GET', path: '/api/v1/verification/:code', service: 'results', access: ['organisation', 'operator', 'exam-centre'], rateLimit: 'guess', tag: 'organisation' }),
  verifyStatement: route<{ body: R.VerifyStatementBody; response: R.StatementVerification }>()({ method: 'POST', path: '/api/v1/verification', service: 'results', access: 'public', rateLimit: 'guess', tag: 'verification' }),
  verifyStatements: route<{ body: R.BulkVerificationBody; response: R.BulkVerification }>()({ method: 'POST', path: '/api/v1/institution/verifications', service: 'results', access: ['organisation'], rateLimit: 'default', tag: 'organisation', bodyLimit: 512 * 1024 }),

  enterCandidate: route<{ body: R.EnterCandidateBody; response: R.EnteredCandidate }>()({ method: 'POST', path: '/api/v1/admin/entries', service: 'results', access: ['exam-centre'], rateLimit: 'default', tag: 'exam centre and operator' }),
  publishResult: route<{ body: R.PublishResultBody; response: R.PublishedResult }>()({ method: 'POST', path: '/api/v1/admin/results', service: 'results', access: ['exam-centre'], rateLimit: 'default', tag: 'exam centre and operator' }),
  amendResult: route<{ body: R.AmendResultBody; response: R.CurrentResult }>()({ method: 'POST', path: '/api/v1/admin/results/:resultId/amendments', service: 'results', access: ['exam-centre'], rateLimit: 'default', tag: 'exam centre and operator' }),
  withdrawResult: route<{ body: R.WithdrawResultBody; response: R.CurrentResult }>()({ method: 'POST', path: '/api/v1/admin/results/:resultId/withdrawal', service: 'results', access: ['exam-centre'], rateLimit: 'default', tag: 'exam centre and operator' }),
  listOrganisations: route<{ query: D.OrganisationsQuery; response: D.Organisations }>()({ method: 'GET', path: '/api/v1/admin/organisations', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  getOrganisation: route<{ response: D.Organisation }>()({ method: 'GET', path: '/api/v1/admin/organisations/:organisationId', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  updateOrganisation: route<{ body: D.UpdateOrganisationBody; response: D.Organisation }>()({ method: 'PATCH', path: '/api/v1/admin/organisations/:organisationId', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  addAccount: route<{ body: D.AddAccountBody; response: D.AddedAccount }>()({ method: 'POST', path: '/api/v1/admin/organisations/:organisationId/accounts', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  updateAccount: route<{ body: D.UpdateAccountBody; response: D.RecipientAccount }>()({ method: 'PATCH', path: '/api/v1/admin/organisations/:organisationId/accounts/:recipientId', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  approveOrganisation: route<{ body: Record<string, never>; response: D.Organisation }>()({ method: 'POST', path: '/api/v1/admin/organisations/:organisationId/approval', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
  registerOrganisation: route<{ body: D.RegisterOrganisationBody; response: D.RegisteredOrganisation }>()({ method: 'POST', path: '/api/v1/admin/organisations', service: 'directory', access: ['operator'], rateLimit: 'default', tag: 'exam centre and operator' }),
} as const satisfies Record<string, Route>;

export type HttpRoutes = typeof httpRoutes;
export type RouteName = keyof HttpRoutes;
type TypesOf<N extends RouteName> = NonNullable<HttpRoutes[N]['types']>;
export type BodyOf<N extends RouteName> = TypesOf<N> extends { body: infer B } ? B : never;
export type QueryOf<N extends RouteName> = TypesOf<N> extends { query: infer Q } ? Q : never;
export type ResponseOf<N extends RouteName> = TypesOf<N>['response'];

/**
 * Routes a service serves under /api/v1 that the gateway does not forward (none today: identity's
 * service-to-service routes live on its internal listener, outside /api/v1), as `METHOD /path`.
 */
export const serviceOnlyApiRoutes: readonly string[] = [];

/** Every route, as a list. */
export const routeList = (): Route[] => Object.values(httpRoutes);

/** `POST /api/v1/auth/login`: how specs and documents name a route. */
export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

/** The OpenAPI spelling of a path: `:name` becomes `{name}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}` ? N | ParamNames<`/${Rest}`> : P extends `${string}:${infer N}` ? N : never;
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/** A concrete path: each parameter percent-encoded, then the query (undefined and empty values left out). */
export function pathOf<P extends string>(path: P, params: PathParams<P>, query: Record<string, string | number | undefined> = {}): string {
  const values = params as Record<string, string>;
  const filled = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.append(name, String(value));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}
