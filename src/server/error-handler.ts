/**
 * Every failure leaves the API as `{ error: { code, message } }` with the catalog's status. Errors
 * raised by Fastify itself (bad JSON, validation, body limits, proto poisoning) are mapped to their
 * Wardline codes so that hostile input is a 4xx, never a 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, WardlineError, toWardlineError } from '../domain/errors.js';

const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_VALIDATION: 'WL_REQUEST_INVALID',
  FST_ERR_CTP_INVALID_JSON_BODY: 'WL_REQUEST_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'WL_REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'WL_REQUEST_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'WL_REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'WL_REQUEST_UNSUPPORTED_MEDIA',
  FST_ERR_NOT_FOUND: 'WL_NOT_FOUND',
};

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function toApiError(thrown: unknown): WardlineError {
  if (thrown instanceof WardlineError) return thrown;
  const fastifyError = thrown as Partial<FastifyError> | null;
  const mapped = fastifyError?.code === undefined ? undefined : FASTIFY_CODES[fastifyError.code];
  if (mapped !== undefined) {
    return new WardlineError(mapped, fastifyError?.message ?? mapped, { cause: thrown });
  }
  if (thrown instanceof SyntaxError || fastifyError?.statusCode === 400) {
    return new WardlineError('WL_REQUEST_MALFORMED', 'The request could not be read.', {
      cause: thrown,
    });
  }
  if (fastifyError?.statusCode === 429) {
    return new WardlineError('WL_RATE_LIMITED', 'Too many requests; try again later.');
  }
  return toWardlineError(thrown);
}

export function handleError(thrown: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const error = toApiError(thrown);
  if (error.status >= 500) {
    request.log.error({ err: error.cause ?? error, code: error.code }, error.message);
  } else {
    request.log.info({ code: error.code }, error.message);
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  void reply.status(error.status).send(body);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody = {
    error: { code: 'WL_NOT_FOUND', message: `No route ${request.method} ${request.url}.` },
  };
  void reply.status(404).send(body);
}
