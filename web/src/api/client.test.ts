import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import type { ApiClientDeps, AuthReaction, HttpMethod } from './client';
import { buildUrl, createApiClient, decideAuthReaction } from './client';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeClient(response: () => Response, csrfToken: string | null = 'csrf-1') {
  const calls: Call[] = [];
  const reactions: AuthReaction[] = [];
  const deps: ApiClientDeps = {
    fetch: (url, init) => {
      calls.push({ url, init });
      return Promise.resolve(response());
    },
    getCsrfToken: () => csrfToken ?? undefined,
    onAuthReaction: (reaction) => {
      reactions.push(reaction);
    },
  };
  return { client: createApiClient(deps), calls, reactions };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

describe('createApiClient', () => {
  it.each<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'sends the CSRF token and a JSON body on %s',
    async (method) => {
      const { client, calls } = fakeClient(() => json(200, { ok: true }));
      await client.request(method, '/auth/logout');
      const headers = headersOf(calls[0]);
      expect(headers['x-csrf-token']).toBe('csrf-1');
      expect(headers['content-type']).toBe('application/json');
      expect(calls[0]?.init.body).toBe('{}');
      expect(calls[0]?.init.credentials).toBe('same-origin');
    },
  );

  it('sends a file as raw bytes with the CSRF token', async () => {
    const { client, calls } = fakeClient(() => json(202, { id: 'job_1' }));
    const file = new Blob(['<nmaprun/>']);
    await client.request('POST', '/imports', { query: { kind: 'nmap' }, file });
    const headers = headersOf(calls[0]);
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers['x-csrf-token']).toBe('csrf-1');
    expect(calls[0]?.init.body).toBe(file);
    expect(calls[0]?.url).toBe('/api/v1/imports?kind=nmap');
  });

  it('sends no CSRF token and no body on GET', async () => {
    const { client, calls } = fakeClient(() => json(200, { items: [], total: 0 }));
    await client.request('GET', '/users', { query: { limit: 50, offset: 0 } });
    expect(calls[0]?.url).toBe('/api/v1/users?limit=50&offset=0');
    expect(headersOf(calls[0])['x-csrf-token']).toBeUndefined();
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it('sends no CSRF header when there is no session yet', async () => {
    const { client, calls } = fakeClient(() => json(200, {}), null);
    await client.request('POST', '/auth/login', { body: { username: 'a', password: 'b' } });
    expect(headersOf(calls[0])['x-csrf-token']).toBeUndefined();
    expect(calls[0]?.init.body).toBe('{"username":"a","password":"b"}');
  });

  it('rejects with the typed ApiError the server sent', async () => {
    const { client } = fakeClient(() =>
      json(423, { error: { code: 'WL_AUTH_LOCKED', message: 'Locked for 15 minutes.' } }),
    );
    const failure = client.request('POST', '/auth/login', { credentialCheck: true });
    await expect(failure).rejects.toMatchObject({
      name: 'ApiError',
      status: 423,
      code: 'WL_AUTH_LOCKED',
      message: 'Locked for 15 minutes.',
    });
  });

  it('signs out on a 401 from an ordinary call', async () => {
    const { client, reactions } = fakeClient(() =>
      json(401, { error: { code: 'WL_AUTH_REQUIRED', message: 'Sign in.' } }),
    );
    await expect(client.request('GET', '/assets')).rejects.toBeInstanceOf(ApiError);
    expect(reactions).toEqual(['sign-out']);
  });

  it('keeps the session when a credential check fails', async () => {
    const { client, reactions } = fakeClient(() =>
      json(401, { error: { code: 'WL_AUTH_INVALID_CREDENTIALS', message: 'Wrong code.' } }),
    );
    await expect(
      client.request('POST', '/auth/totp', { body: { code: '000000' }, credentialCheck: true }),
    ).rejects.toMatchObject({ code: 'WL_AUTH_INVALID_CREDENTIALS' });
    expect(reactions).toEqual([]);
  });

  it('does not react to the 401 of the session probe itself', async () => {
    const { client, reactions } = fakeClient(() =>
      json(401, { error: { code: 'WL_AUTH_REQUIRED', message: 'Sign in.' } }),
    );
    await expect(
      client.request('GET', '/auth/session', { reactToAuth: false }),
    ).rejects.toMatchObject({ status: 401 });
    expect(reactions).toEqual([]);
  });

  it('reports a network failure as a client error with status 0', async () => {
    const client = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      getCsrfToken: () => undefined,
    });
    await expect(client.request('GET', '/overview')).rejects.toMatchObject({
      status: 0,
      code: CLIENT_ERROR_CODES.network,
    });
  });

  it('returns undefined for an empty success body', async () => {
    const { client } = fakeClient(() => new Response(null, { status: 204 }));
    await expect(client.request('DELETE', '/x')).resolves.toBeUndefined();
  });
});

describe('decideAuthReaction', () => {
  const error = (status: number, code: string) => new ApiError(status, code, code);

  it('sends an enrollment-required session to enrollment', () => {
    expect(decideAuthReaction(error(403, 'WL_AUTH_ENROLLMENT_REQUIRED'), false)).toBe('enroll');
  });

  it('leaves other 403s to the page', () => {
    expect(decideAuthReaction(error(403, 'WL_AUTH_FORBIDDEN'), false)).toBe('none');
  });

  it('signs out a credential check only when the session itself is gone', () => {
    expect(decideAuthReaction(error(401, 'WL_AUTH_REQUIRED'), true)).toBe('sign-out');
    expect(decideAuthReaction(error(401, 'WL_BOOTSTRAP_TOKEN_INVALID'), true)).toBe('none');
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/assets', { q: 'a&b c', zoneId: '', category: undefined, offset: 0 })).toBe(
      '/api/v1/assets?q=a%26b+c&offset=0',
    );
    expect(buildUrl('/overview')).toBe('/api/v1/overview');
  });
});
