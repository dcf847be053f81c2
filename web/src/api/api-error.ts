/**
 * The error every API call rejects with. The server answers any status ≥ 400 with
 * `{ "error": { "code": "WL_…", "message": "…" } }`; the codes are listed in docs/errors.md.
 */

/** Codes the client itself assigns when there is no usable answer from the server. */
export const CLIENT_ERROR_CODES = {
  network: 'WL_CLIENT_NETWORK',
  badResponse: 'WL_CLIENT_BAD_RESPONSE',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns an error response body (already parsed from JSON, or `undefined` when it was not JSON)
 * into an `ApiError`. Anything that is not the documented shape still yields an error that says
 * what happened, so a proxy's HTML error page never reaches the user as a blank message.
 */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body['error'] : undefined;
  if (isRecord(error)) {
    const code = error['code'];
    const message = error['message'];
    if (typeof code === 'string' && code !== '') {
      const text = typeof message === 'string' && message !== '' ? message : code;
      return new ApiError(status, code, text);
    }
  }
  return new ApiError(
    status,
    CLIENT_ERROR_CODES.badResponse,
    `The server answered with HTTP ${status} and no Wardline error.`,
  );
}

/** The message to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong.';
}
