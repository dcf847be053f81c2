/**
 * Imports and jobs: upload a file (the raw bytes as `application/octet-stream`, with its kind and
 * name in the query), follow the job it starts, read what it did and the parser's diagnostics.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { WardlineError } from '../../domain/errors.js';
import { IMPORT_KINDS, IMPORT_STATUSES } from '../../domain/import.js';
import { JOB_STATUSES } from '../../domain/job.js';
import { ANY_ROLE, type Role } from '../../domain/roles.js';
import type { Services } from '../../services/services.js';
import { allow } from '../access.js';
import { actorOf } from '../session-cookie.js';
import { Id, IdParams, NoBody, PageQuery, Strict, literals, pageOf } from './schemas.js';
import type { RequestTypeProvider } from './type-provider.js';

/** Who may change the inventory by importing files. */
export const IMPORTERS: readonly Role[] = ['admin', 'security-analyst', 'clinical-engineer'];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const JobSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: literals(JOB_STATUSES),
  progress: Type.Number(),
  message: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  result: Type.Unknown(),
  error: Nullable(Type.String()),
});

const CountsSchema = Type.Object({
  observations: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  flows: Type.Integer(),
  components: Type.Integer(),
});

export const ImportSchema = Type.Object({
  id: Type.String(),
  jobId: Nullable(Type.String()),
  kind: literals(IMPORT_KINDS),
  fileName: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  status: literals(IMPORT_STATUSES),
  counts: CountsSchema,
  assetIds: Type.Array(Type.String()),
  diagnostics: Type.Integer(),
  duplicateOf: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

const DiagnosticSchema = Type.Object({
  source: Type.String(),
  offset: Type.Integer(),
  line: Type.Optional(Type.Integer()),
  code: Type.String(),
  severity: literals(['error', 'warning', 'info']),
  message: Type.String(),
});

/** A file name as people typed it, without any path. */
const FileName = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000]+$' });

export function importRoutes(services: Services) {
  const { imports, jobs } = services;
  const anyone = { access: allow(...ANY_ROLE) };
  const importers = { access: allow(...IMPORTERS) };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    // The upload body is passed through as a stream; the import service bounds its size.
    server.addContentTypeParser('application/octet-stream', (_request, payload, parsed) => {
      parsed(null, payload);
    });
    const app = server.withTypeProvider<RequestTypeProvider>();

    app.post(
      '/imports',
      {
        config: importers,
        schema: {
          querystring: Strict({
            kind: literals(IMPORT_KINDS),
            fileName: FileName,
            assetId: Type.Optional(Id),
            vendor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            /** Inventory imports: the column mapping as JSON. */
            mapping: Type.Optional(Type.String({ maxLength: 16_384 })),
          }),
          response: { 202: JobSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!isByteStream(body)) {
          throw new WardlineError(
            'WL_REQUEST_UNSUPPORTED_MEDIA',
            'Send the file as application/octet-stream.',
          );
        }
        const { kind, fileName, assetId, vendor, model, mapping } = request.query;
        if ((vendor === undefined) !== (model === undefined)) {
          throw new WardlineError('WL_REQUEST_INVALID', 'vendor and model go together.');
        }
        const job = await imports.upload(actorOf(request), {
          kind,
          fileName,
          body,
          options: {
            ...(assetId === undefined ? {} : { assetId }),
            ...(vendor === undefined ? {} : { vendor, model }),
            ...(mapping === undefined ? {} : { mapping: parseMapping(mapping) }),
          },
        });
        return reply.code(202).send(job);
      },
    );

    app.get(
      '/imports',
      {
        config: anyone,
        schema: {
          querystring: Strict({ ...PageQuery, kind: Type.Optional(literals(IMPORT_KINDS)) }),
          response: { 200: pageOf(ImportSchema) },
        },
      },
      (request) => imports.list(request.query),
    );

    app.get(
      '/imports/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: ImportSchema } } },
      (request) => imports.get(request.params.id),
    );

    app.get(
      '/imports/:id/diagnostics',
      {
        config: anyone,
        schema: {
          params: IdParams,
          querystring: Strict(PageQuery),
          response: { 200: pageOf(DiagnosticSchema) },
        },
      },
      (request) => imports.diagnostics(request.params.id, request.query),
    );

    app.get(
      '/jobs',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            status: Type.Optional(literals(JOB_STATUSES)),
            kind: Type.Optional(Type.String({ maxLength: 64 })),
          }),
          response: { 200: pageOf(JobSchema) },
        },
      },
      (request) => jobs.list(request.query),
    );

    app.get(
      '/jobs/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: JobSchema } } },
      (request) => jobs.get(request.params.id),
    );

    app.post(
      '/jobs/:id/cancel',
      {
        config: importers,
        schema: { params: IdParams, body: NoBody, response: { 200: JobSchema } },
      },
      (request) => jobs.cancel(request.params.id),
    );
    done();
  };
}

function isByteStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

function parseMapping(text: string): unknown {
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (cause) {
    throw new WardlineError('WL_REQUEST_INVALID', 'mapping is not well-formed JSON.', { cause });
  }
}
