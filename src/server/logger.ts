/**
 * Log options: pino, with secrets redacted wherever they could appear. Request logs carry method,
 * route, status and timing; never bodies, cookies or authorization headers.
 */
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.code',
  '*.recoveryCode',
  '*.secret',
  '*.totpSecret',
  '*.masterKey',
  '*.temporaryPassword',
] as const;

export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream !== undefined ? { stream } : {}),
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        ip: req.ip,
      }),
    },
  };
}
