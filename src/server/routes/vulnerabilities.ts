/**
 * Vulnerability management: the prioritized vulnerability list and a vulnerability's detail,
 * findings and their lifecycle, the exception register, the patch policy, the SLA dashboard, and
 * the feeds (status, file upload, online sync).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { WardlineError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { ANY_ROLE } from '../../domain/roles.js';
import {
  EXCEPTION_KINDS,
  FINDING_STATUSES,
  MATCH_KINDS,
  SSVC_DECISIONS,
  VEX_JUSTIFICATIONS,
} from '../../domain/vulnerability.js';
import { FINDING_SORTS } from '../../store/finding-repo.js';
import type { Services } from '../../services/services.js';
import { STATUS_EVENTS } from '../../services/vuln/status-change.js';
import { EXPORT_FORMATS } from '../../services/vuln/exports.js';
import { allow } from '../access.js';
import { actorOf, requireAuth } from '../session-cookie.js';
import { Id, IdParams, NoBody, Ok, PageQuery, Strict, literals, pageOf } from './schemas.js';
import { JobSchema } from './imports.js';
import type { RequestTypeProvider } from './type-provider.js';

/** Who works findings: moves them along, mitigates, marks them fixed. */
export const FINDING_WORKERS: readonly Role[] = ['admin', 'security-analyst', 'clinical-engineer'];
/** Who may accept risk, record exceptions and set the patch policy: the security lead's call. */
export const RISK_OWNERS: readonly Role[] = ['admin', 'security-analyst'];
/** Who loads and syncs feeds. */
export const FEED_LOADERS: readonly Role[] = ['admin', 'security-analyst'];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const VulnId = Type.String({ minLength: 3, maxLength: 128, pattern: '^[A-Za-z0-9._:#-]+$' });
const Csv = Type.String({ maxLength: 512 });

const FindingMatchSchema = Type.Object({
  ref: Type.String(),
  component: Type.String(),
  version: Nullable(Type.String()),
  advisory: Type.String(),
  kind: literals(MATCH_KINDS),
  confidence: Type.Number(),
  criterion: Type.String(),
  range: Nullable(Type.String()),
  fixedVersion: Nullable(Type.String()),
  explanation: Type.String(),
});

const FindingSchema = Type.Object({
  id: Type.String(),
  assetId: Type.String(),
  assetName: Type.String(),
  assetCategory: Type.String(),
  zoneName: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  vulnId: Type.String(),
  title: Nullable(Type.String()),
  status: literals(FINDING_STATUSES),
  matchKind: literals(MATCH_KINDS),
  confidence: Type.Number(),
  matches: Type.Array(FindingMatchSchema),
  decision: literals(SSVC_DECISIONS),
  priority: Type.Number(),
  prioritization: Type.Object({
    decision: literals(SSVC_DECISIONS),
    exploitation: Type.String(),
    automatable: Type.Boolean(),
    technicalImpact: Type.String(),
    missionWellBeing: Type.String(),
    exposure: Type.String(),
    deployer: Type.String(),
    explanation: Type.Array(Type.String()),
    reasons: Type.Array(Type.String()),
  }),
  cvssScore: Nullable(Type.Number()),
  kev: Type.Boolean(),
  ransomware: Type.Boolean(),
  epss: Nullable(Type.Number()),
  fixedVersion: Nullable(Type.String()),
  vex: Nullable(
    Type.Object({
      advisory: Type.String(),
      justification: Nullable(literals(VEX_JUSTIFICATIONS)),
      statement: Nullable(Type.String()),
    }),
  ),
  statusNote: Nullable(Type.String()),
  riskAcceptedUntil: Nullable(Type.String()),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  closedAt: Nullable(Type.String()),
});

const VulnerabilitySummarySchema = Type.Object({
  vulnId: Type.String(),
  title: Nullable(Type.String()),
  decision: literals(SSVC_DECISIONS),
  priority: Type.Number(),
  kev: Type.Boolean(),
  ransomware: Type.Boolean(),
  epss: Nullable(Type.Number()),
  cvssScore: Nullable(Type.Number()),
  assets: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  nextDue: Nullable(Type.String()),
});

const ExceptionSchema = Type.Object({
  id: Type.String(),
  assetId: Type.String(),
  assetName: Type.String(),
  vulnId: Nullable(Type.String()),
  kind: literals(EXCEPTION_KINDS),
  reason: Type.String(),
  controls: Type.Array(Type.String()),
  until: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  state: literals(['active', 'expired', 'revoked']),
});

const PolicySchema = Type.Object(
  Object.fromEntries(
    SSVC_DECISIONS.map((d) => [d, Type.Number({ exclusiveMinimum: 0, maximum: 87_600 })]),
  ) as Record<(typeof SSVC_DECISIONS)[number], ReturnType<typeof Type.Number>>,
  { additionalProperties: false },
);

const GroupCountSchema = Type.Object({
  key: Nullable(Type.String()),
  open: Type.Integer(),
  overdue: Type.Integer(),
});

const DashboardSchema = Type.Object({
  generatedAt: Type.String(),
  totals: Type.Object({ open: Type.Integer(), overdue: Type.Integer() }),
  byDecision: Type.Array(
    Type.Object({
      decision: literals(SSVC_DECISIONS),
      open: Type.Integer(),
      overdue: Type.Integer(),
    }),
  ),
  bySite: Type.Array(GroupCountSchema),
  byOwner: Type.Array(GroupCountSchema),
  trend: Type.Array(
    Type.Object({ date: Type.String(), open: Type.Integer(), overdue: Type.Integer() }),
  ),
});

const FeedStatusSchema = Type.Object({
  feed: Type.String(),
  snapshots: Type.Integer(),
  lastImportedAt: Nullable(Type.String()),
  lastVersion: Nullable(Type.String()),
  lastSource: Nullable(Type.String()),
  records: Type.Integer(),
});

const FeedFileSchema = Type.Object({
  file: Type.String(),
  feed: Nullable(Type.String()),
  status: literals(['imported', 'duplicate', 'rejected', 'skipped']),
  records: Type.Integer(),
  errors: Type.Integer(),
  reason: Nullable(Type.String()),
  snapshotId: Nullable(Type.String()),
});

const FileName = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000]+$' });
const MAX_FEED_UPLOAD = 256 * 1024 * 1024;

function listOf<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  name: string,
): T[] | undefined {
  if (text === undefined || text === '') return undefined;
  return text.split(',').map((item) => {
    const found = allowed.find((value) => value === item.trim());
    if (found === undefined)
      throw new WardlineError('WL_REQUEST_INVALID', `Unknown ${name} ${item}.`);
    return found;
  });
}

async function readCapped(body: unknown): Promise<Buffer> {
  if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) {
    throw new WardlineError(
      'WL_REQUEST_UNSUPPORTED_MEDIA',
      'Send the file as application/octet-stream.',
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_FEED_UPLOAD) {
      throw new WardlineError('WL_REQUEST_TOO_LARGE', 'A feed file may be at most 256 MiB.');
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function vulnerabilityRoutes(services: Services) {
  const { vuln, feeds, feedSync } = services;
  const anyone = { access: allow(...ANY_ROLE) };
  const workers = { access: allow(...FINDING_WORKERS) };
  const owners = { access: allow(...RISK_OWNERS) };
  const loaders = { access: allow(...FEED_LOADERS) };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    if (!server.hasContentTypeParser('application/octet-stream')) {
      server.addContentTypeParser('application/octet-stream', (_request, payload, parsed) => {
        parsed(null, payload);
      });
    }
    const app = server.withTypeProvider<RequestTypeProvider>();

    app.get(
      '/vulnerabilities',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            kev: Type.Optional(Type.Boolean()),
            ransomware: Type.Optional(Type.Boolean()),
            decision: Type.Optional(Csv),
            zoneId: Type.Optional(Id),
            category: Type.Optional(Type.String({ maxLength: 64 })),
            overdue: Type.Optional(Type.Boolean()),
            includeClosed: Type.Optional(Type.Boolean()),
            fixAvailable: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ maxLength: 200 })),
          }),
          response: { 200: pageOf(VulnerabilitySummarySchema) },
        },
      },
      (request) => {
        const { decision, ...rest } = request.query;
        const decisions = listOf(decision, SSVC_DECISIONS, 'decision');
        return vuln.listVulnerabilities({ ...rest, ...(decisions ? { decisions } : {}) });
      },
    );

    app.get(
      '/vulnerabilities/:vulnId',
      {
        config: anyone,
        schema: {
          params: Strict({ vulnId: VulnId }),
          response: {
            200: Type.Object({
              vulnId: Type.String(),
              title: Nullable(Type.String()),
              advisories: Type.Array(Type.Unknown()),
              kev: Nullable(
                Type.Object({
                  dateAdded: Type.String(),
                  dueDate: Type.String(),
                  ransomware: Type.Boolean(),
                  requiredAction: Type.String(),
                }),
              ),
              epss: Nullable(Type.Object({ epss: Type.Number(), percentile: Type.Number() })),
              findings: Type.Array(FindingSchema),
            }),
          },
        },
      },
      (request) => vuln.getVulnerability(request.params.vulnId),
    );

    app.get(
      '/findings',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            assetId: Type.Optional(Id),
            vulnId: Type.Optional(VulnId),
            status: Type.Optional(Csv),
            decision: Type.Optional(Csv),
            kev: Type.Optional(Type.Boolean()),
            ransomware: Type.Optional(Type.Boolean()),
            overdue: Type.Optional(Type.Boolean()),
            zoneId: Type.Optional(Id),
            category: Type.Optional(Type.String({ maxLength: 64 })),
            fixAvailable: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            sort: Type.Optional(literals(FINDING_SORTS)),
          }),
          response: { 200: pageOf(FindingSchema) },
        },
      },
      (request) => {
        const { status, decision, overdue, ...rest } = request.query;
        const statuses = listOf(status, FINDING_STATUSES, 'status');
        const decisions = listOf(decision, SSVC_DECISIONS, 'decision');
        return vuln.listFindings({
          ...rest,
          ...(statuses ? { statuses } : {}),
          ...(decisions ? { decisions } : {}),
          ...(overdue === true ? { overdueAt: new Date().toISOString() } : {}),
        });
      },
    );

    app.get(
      '/findings/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: FindingSchema } } },
      (request) => vuln.getFinding(request.params.id),
    );

    app.get(
      '/findings/:id/history',
      {
        config: anyone,
        schema: {
          params: IdParams,
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                findingId: Type.String(),
                at: Type.String(),
                actor: Nullable(Type.String()),
                from: Nullable(literals(FINDING_STATUSES)),
                to: literals(FINDING_STATUSES),
                note: Nullable(Type.String()),
              }),
            ),
          },
        },
      },
      (request) => vuln.findingHistory(request.params.id),
    );

    app.post(
      '/findings/:id/status',
      {
        config: workers,
        schema: {
          params: IdParams,
          body: Strict({
            event: literals(STATUS_EVENTS),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            controls: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
            until: Type.Optional(Type.String({ maxLength: 40 })),
            justification: Type.Optional(literals(VEX_JUSTIFICATIONS)),
          }),
          response: { 200: FindingSchema },
        },
      },
      async (request) => {
        const roles = requireAuth(request).user.roles;
        if (request.body.event === 'accept_risk' && !roles.some((r) => RISK_OWNERS.includes(r))) {
          throw new WardlineError(
            'WL_AUTH_FORBIDDEN',
            'Accepting a risk is the security lead’s decision (admin or security analyst).',
          );
        }
        return vuln.changeStatus(actorOf(request), request.params.id, request.body);
      },
    );

    app.get(
      '/vuln-exceptions',
      {
        config: anyone,
        schema: {
          querystring: Strict({ assetId: Type.Optional(Id) }),
          response: { 200: Type.Array(ExceptionSchema) },
        },
      },
      (request) =>
        vuln.listExceptions(
          request.query.assetId === undefined ? {} : { assetId: request.query.assetId },
        ),
    );

    app.post(
      '/vuln-exceptions',
      {
        config: owners,
        schema: {
          body: Strict({
            assetId: Id,
            vulnId: Type.Optional(Nullable(VulnId)),
            kind: literals(EXCEPTION_KINDS),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            controls: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 20 }),
            until: Type.String({ format: 'date' }),
          }),
          response: { 201: ExceptionSchema },
        },
      },
      async (request, reply) => {
        const created = await vuln.createException(actorOf(request), {
          ...request.body,
          vulnId: request.body.vulnId ?? null,
        });
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/vuln-exceptions/:id',
      { config: owners, schema: { params: IdParams, body: NoBody, response: { 200: Ok } } },
      async (request) => {
        await vuln.revokeException(actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.get('/patch-policy', { config: anyone, schema: { response: { 200: PolicySchema } } }, () =>
      vuln.patchPolicy(),
    );

    app.put(
      '/patch-policy',
      { config: owners, schema: { body: PolicySchema, response: { 200: PolicySchema } } },
      (request) => vuln.setPatchPolicy(actorOf(request), request.body),
    );

    const NotificationSchema = Type.Object(
      { webhookUrl: Nullable(Type.String({ minLength: 8, maxLength: 2048 })) },
      { additionalProperties: false },
    );

    app.get(
      '/vuln-notifications',
      { config: owners, schema: { response: { 200: NotificationSchema } } },
      () => vuln.notificationSettings(),
    );

    app.put(
      '/vuln-notifications',
      {
        config: owners,
        schema: { body: NotificationSchema, response: { 200: NotificationSchema } },
      },
      (request) => vuln.setNotificationSettings(actorOf(request), request.body),
    );

    app.get(
      '/vuln-dashboard',
      { config: anyone, schema: { response: { 200: DashboardSchema } } },
      () => vuln.dashboard(),
    );

    app.get(
      '/vuln-exports',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            format: literals(EXPORT_FORMATS),
            vendor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            model: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          }),
        },
      },
      async (request, reply) => {
        const file = await vuln.exportFindings(request.query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    );

    app.get(
      '/feeds',
      { config: anyone, schema: { response: { 200: Type.Array(FeedStatusSchema) } } },
      () => feeds.statuses(),
    );

    app.post(
      '/feeds/files',
      {
        config: loaders,
        schema: { querystring: Strict({ fileName: FileName }), response: { 200: FeedFileSchema } },
      },
      async (request) =>
        feeds.importReading(
          actorOf(request),
          request.query.fileName,
          await readCapped(request.body),
        ),
    );

    app.post(
      '/feeds/sync',
      {
        config: loaders,
        schema: {
          body: Strict({
            only: Type.Optional(Type.Array(literals(['kev', 'epss', 'nvd', 'csaf']))),
          }),
          response: { 202: JobSchema },
        },
      },
      async (request, reply) => {
        const job = await feedSync.start(actorOf(request), {
          only: request.body.only ?? null,
          nvdApiKey: process.env.WARDLINE_NVD_API_KEY ?? null,
        });
        return reply.code(202).send(job);
      },
    );

    done();
  };
}
