/**
 * Builds the Wardline HTTP application without listening, so tests drive it with `inject()` and
 * `wardline serve` adds TLS and a port. Routes live in `routes/`, one file per area; each declares
 * its access and its TypeBox schemas.
 */
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { SecureServerOptions } from 'node:http2';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Services } from '../services/services.js';
import { installAccessControl, type RouteAccess } from './access.js';
import { handleError, handleNotFound } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { loggerOptions } from './logger.js';
import { installMetrics } from './metrics.js';
import { installOpenApi } from './openapi.js';
import { registerRoutes } from './routes/index.js';
import { installSecurityHeaders } from './security-headers.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  readonly services: Services;
  readonly logLevel?: string;
  /** Where the log goes instead of standard output; tests capture it to check redaction. */
  readonly logStream?: DestinationStream | undefined;
  readonly metricsToken?: string | undefined;
  /** The built SPA to serve at `/`; omitted in API-only tests. */
  readonly webRoot?: string | undefined;
  /** HTTPS options for `listen`; omitted under `inject()`. */
  readonly https?: HttpsServerOptions | SecureServerOptions;
  /** Per-IP sign-in attempts per minute before 429. */
  readonly signInRatePerMinute?: number;
}

export interface WardlineApp {
  readonly app: FastifyInstance;
  /** Every guarded route with its declared access, for the authorization matrix. */
  readonly routes: readonly RouteAccess[];
}

/** JSON bodies above this are refused while streaming, before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<WardlineApp> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'silent', options.logStream),
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(handleError);
  // A cross-site form can post text/plain without a CORS preflight; only JSON is accepted.
  app.removeContentTypeParser('text/plain');
  installJsonBodyParser(app);

  await installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  const routes = installAccessControl(app, {
    sessions: options.services.auth,
    metricsToken: options.metricsToken,
  });
  await installOpenApi(app);
  installMetrics(app, { kind: 'metrics', roles: ['admin'] });
  await registerRoutes(app, options.services, {
    signInRatePerMinute: options.signInRatePerMinute ?? 30,
  });
  const webRoot =
    options.webRoot !== undefined && existsSync(options.webRoot) ? options.webRoot : undefined;
  if (webRoot !== undefined)
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler(webRoot !== undefined ? serveSpaShell : handleNotFound);
  await app.ready();
  return { app, routes };
}

/** Client-side routes (`/assets/ast_…`) get the SPA shell; unknown API paths stay JSON 404s. */
function serveSpaShell(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '/';
  if (request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
    return reply.type('text/html').sendFile('index.html');
  }
  handleNotFound(request, reply);
  return reply;
}
