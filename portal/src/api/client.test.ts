import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from './client';
import { ApiError } from './errors';
import { getSession, setSession } from './session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const bearer = (init: RequestInit | undefined) => (init?.headers as Record<string, string>)['Authorization'];

describe('API client tokens', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSession(null, 'logout');
  });

  it('on 401 refreshes once, even for requests made together, and repeats them with the new token', async () => {
    setSession({ accessToken: 'old', refreshToken: 'r1', role: 'candidate' }, 'login');
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/auth/refresh')) {
        return json(200, { accessToken: 'new', refreshToken: 'r2', tokenType: 'Bearer', expiresIn: 900 });
      }
      return bearer(init) === 'Bearer new'
        ? json(200, { items: [] })
        : json(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
    });
    vi.stubGlobal('fetch', fetch);
    const answers = await Promise.all([request('GET', '/me/results'), request('GET', '/me/shares')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(fetch.mock.calls.filter(([url]) => url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(getSession()).toEqual({ accessToken: 'new', refreshToken: 'r2', role: 'candidate' });
  });

  it('ends the session when the refresh is refused', async () => {
    setSession({ accessToken: 'old', refreshToken: 'spent', role: 'organisation' }, 'login');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' })),
    );
    await expect(request('GET', '/institution/shares')).rejects.toBeInstanceOf(ApiError);
    expect(getSession()).toBeNull();
  });

  it('reads the error body: status, messages (string or list) and code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(422, {
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'No.',
          code: 'SHARE.RESTRICTED',
        }),
      ),
    );
    const error = await request('POST', '/me/shares', { body: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, messages: ['No.'], code: 'SHARE.RESTRICTED' });
  });
});
