import { ApiError, CLIENT_ERROR_CODES, parseErrorBody } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

const API_BASE = '/api/v1';

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /**
   * Raw bytes to send instead of a JSON body (an import's file), as
   * `application/octet-stream`. The browser streams a `File` from disk.
   */
  readonly file?: Blob;
  /**
   * The call checks a credential (password, code, token, passkey), so a 401 means "wrong
   * credential", not "signed out", and must be shown where the user typed it.
   */
  readonly credentialCheck?: boolean;
  /** False for the session probe itself: its 401 is the answer, not an event to react to. */
  readonly reactToAuth?: boolean;
}

/** What the app should do about a failed call beyond showing its message. */
export type AuthReaction = 'sign-out' | 'enroll' | 'none';

export interface ApiClientDeps {
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** The CSRF token of the current session, if there is one. */
  readonly getCsrfToken: () => string | undefined;
  readonly onAuthReaction?: (reaction: Exclude<AuthReaction, 'none'>, error: ApiError) => void;
}

export interface ApiClient {
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown>;
}

function isMutating(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** `/api/v1` + path + the query, leaving out empty values. */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search === '' ? '' : `?${search}`}`;
}

/**
 * A 401 ends the session in the UI (back to /login), unless the call was checking a credential
 * and the server only says the credential was wrong. A 403 asking for enrollment sends the user
 * to /enroll.
 */
export function decideAuthReaction(error: ApiError, credentialCheck: boolean): AuthReaction {
  if (error.status === 401) {
    return !credentialCheck || error.code === 'WL_AUTH_REQUIRED' ? 'sign-out' : 'none';
  }
  if (error.status === 403 && error.code === 'WL_AUTH_ENROLLMENT_REQUIRED') return 'enroll';
  return 'none';
}

function buildHeaders(
  method: HttpMethod,
  contentType: string | undefined,
  csrfToken: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (isMutating(method) && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function send(method: HttpMethod, path: string, options: RequestOptions) {
    // A mutating call always carries a JSON body: the JSON content type is what a cross-site
    // form cannot send, and a JSON content type with an empty body is rejected as malformed.
    const body = options.body ?? (isMutating(method) ? {} : undefined);
    const contentType =
      options.file !== undefined
        ? 'application/octet-stream'
        : body === undefined
          ? undefined
          : 'application/json';
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: buildHeaders(method, contentType, deps.getCsrfToken()),
    };
    if (options.file !== undefined) init.body = options.file;
    else if (body !== undefined) init.body = JSON.stringify(body);
    try {
      return await deps.fetch(buildUrl(path, options.query), init);
    } catch (cause) {
      throw new ApiError(
        0,
        CLIENT_ERROR_CODES.network,
        'Wardline could not be reached. Check the connection and try again.',
        { cause },
      );
    }
  }

  return {
    async request(method, path, options = {}) {
      const response = await send(method, path, options);
      const payload = await readJson(response);
      if (response.ok) return payload;
      const error = parseErrorBody(response.status, payload);
      const reaction = decideAuthReaction(error, options.credentialCheck ?? false);
      if (reaction !== 'none' && options.reactToAuth !== false)
        deps.onAuthReaction?.(reaction, error);
      throw error;
    },
  };
}
