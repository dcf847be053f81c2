/** The audit log: read with filters, and verify its hash chain. */
import type { RequestTypeProvider } from './type-provider.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { parseAuditAnchor } from '../../domain/audit-hash.js';
import { WardlineError } from '../../domain/errors.js';
import type { Services } from '../../services/services.js';
import { allow } from '../access.js';
import { IsoTime, PageQuery, Strict, pageOf } from './schemas.js';

const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});

export function auditRoutes(services: Services) {
  const readers = { access: allow('admin', 'auditor') };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    const app = server.withTypeProvider<RequestTypeProvider>();

    app.get(
      '/audit',
      {
        config: readers,
        schema: {
          querystring: Strict({
            ...PageQuery,
            action: Type.Optional(Type.String({ maxLength: 64 })),
            actor: Type.Optional(Type.String({ maxLength: 64 })),
            outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
            from: Type.Optional(IsoTime),
            to: Type.Optional(IsoTime),
          }),
          response: { 200: pageOf(AuditEntrySchema) },
        },
      },
      (request) => services.audit.list(request.query),
    );

    app.get(
      '/audit/head',
      {
        config: readers,
        schema: { response: { 200: Type.Object({ seq: Type.Integer(), hash: Type.String() }) } },
      },
      async () => {
        const head = await services.audit.head();
        if (head === undefined) throw new WardlineError('WL_NOT_FOUND', 'The audit log is empty.');
        return head;
      },
    );

    app.get(
      '/audit/verify',
      {
        config: readers,
        schema: {
          querystring: Strict({
            anchor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}:[0-9a-f]{64}$' })),
          }),
          response: {
            200: Type.Object({
              ok: Type.Boolean(),
              checked: Type.Integer(),
              firstBroken: Type.Optional(
                Type.Object({ seq: Type.Integer(), reason: Type.String() }),
              ),
            }),
          },
        },
      },
      (request) => {
        const { anchor } = request.query;
        return services.audit.verify(anchor === undefined ? undefined : parseAuditAnchor(anchor));
      },
    );
    done();
  };
}
