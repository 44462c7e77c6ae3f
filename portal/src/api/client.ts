import { httpRoutes } from '../../../libs/contracts/src/http/routes.js';
import type { TokenPair } from '../../../libs/contracts/src/http/index.js';
import { ApiError, NetworkError } from './errors';
import { getSession, setSession, type Role } from './session';

export type { TokenPair };

interface RequestOptions {
  body?: unknown;
  /** Send the bearer token (and refresh it once on 401). Default true. */
  auth?: boolean;
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/pdf, text/csv',
    // The portal's current language (I18nProvider keeps it on <html lang>): e-mails are written in it.
    'Accept-Language': typeof document !== 'undefined' && document.documentElement.lang === 'ja' ? 'ja' : 'en',
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const session = getSession();
  if (options.auth !== false && session) headers['Authorization'] = `Bearer ${session.accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
}

/** Trades the refresh token for a new pair, once even when several requests need it at the same time. */
function refreshOnce(): Promise<boolean> {
  const session = getSession();
  if (!session) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const response = await send(httpRoutes.refresh.method, httpRoutes.refresh.path, {
        auth: false,
        body: { refreshToken: session.refreshToken },
      });
      if (!response.ok) return false;
      const pair = (await response.json()) as TokenPair;
      setSession(
        { accessToken: pair.accessToken, refreshToken: pair.refreshToken, role: session.role },
        'refresh',
      );
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Sends a request to a path of the route table; on 401 tries the refresh route once and repeats it, else ends the session. */
export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.auth !== false && getSession()) {
    if (await refreshOnce()) response = await send(method, path, options);
    if (response.status === 401) setSession(null, 'expired');
  }
  if (!response.ok) throw await ApiError.from(response);
  return response;
}

export async function requestJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function logIn(
  role: Role,
  credentials: { idNumber?: string; email?: string; password: string },
) {
  const pair = await requestJson<TokenPair>(httpRoutes.login.method, httpRoutes.login.path, { auth: false, body: credentials });
  setSession({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, role }, 'login');
}

export function logOut(): void {
  setSession(null, 'logout');
}
