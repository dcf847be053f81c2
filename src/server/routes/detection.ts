/**
 * Detection: the alert queue and an alert's detail with its status moves, suppressions and the
 * hand-off to incident response; rules (list, read, upload, enable, test on pasted events);
 * event sources with their dead letters; hunts as jobs; and the HTTP ingest endpoint, which a
 * source's bearer token opens (checked before the body is read), not a session.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  ALERT_STATUSES,
  DETECTION_LEVELS,
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  RULE_ORIGINS,
  type EventSource,
  type LogReadItem,
} from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { ANY_ROLE } from '../../domain/roles.js';
import { readIngestBody } from '../../services/detect/ingest/http-ingest.js';
import type { Services } from '../../services/services.js';
import { allow, PUBLIC } from '../access.js';
import { actorOf } from '../session-cookie.js';
import {
  AlertDetailSchema,
  AlertSchema,
  DeadLetterSchema,
  DetectionRuleSchema,
  DetectionRuleTextSchema,
  DetectionSettingsSchema,
  EventSourceSchema,
  HuntResultSchema,
  NotificationSettingsSchema,
  RuleTestResultSchema,
  SuppressionSchema,
} from './detection-schemas.js';
import { IdParams, NoBody, Ok, PageQuery, Strict, literals, pageOf } from './schemas.js';
import type { RequestTypeProvider } from './type-provider.js';

/** Who works alerts: acknowledges, closes, opens incidents. */
export const ALERT_WORKERS: readonly Role[] = [
  'admin',
  'security-analyst',
  'incident-lead',
  'clinical-engineer',
];
/** Who silences alerts for a while. */
export const SUPPRESSORS: readonly Role[] = ['admin', 'security-analyst', 'incident-lead'];
/** Who changes what runs: rules, sources, hunts. */
export const DETECTION_ENGINEERS: readonly Role[] = ['admin', 'security-analyst'];

/** One ingest request's body at most; senders batch below it. */
const MAX_INGEST_BYTES = 16 * 1024 * 1024;
const INGEST_BATCH = 1_000;
const RuleText = Type.String({ minLength: 1, maxLength: 1_000_000 });
const Text = (max: number) => Type.String({ maxLength: max });

export function detectionRoutes(services: Services) {
  const { detection } = services;
  const anyone = { access: allow(...ANY_ROLE) };
  const workers = { access: allow(...ALERT_WORKERS) };
  const suppressors = { access: allow(...SUPPRESSORS) };
  const engineers = { access: allow(...DETECTION_ENGINEERS) };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    const app = server.withTypeProvider<RequestTypeProvider>();
    // The bundled pack is loaded before the first detection request answers.
    app.addHook('preHandler', async () => {
      await detection.ensureBundledRules();
    });

    app.get(
      '/alerts',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            status: Type.Optional(literals(ALERT_STATUSES)),
            level: Type.Optional(literals(DETECTION_LEVELS)),
            ruleId: Type.Optional(Text(200)),
            assetId: Type.Optional(Text(64)),
            q: Type.Optional(Text(200)),
          }),
          response: { 200: pageOf(AlertSchema) },
        },
      },
      (request) => detection.alerts.list(request.query),
    );

    app.get(
      '/alerts/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: AlertDetailSchema } } },
      (request) => detection.alerts.get(request.params.id),
    );

    app.post(
      '/alerts/:id/status',
      {
        config: workers,
        schema: {
          params: IdParams,
          body: Strict({
            status: literals(ALERT_STATUSES),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
          response: { 200: AlertSchema },
        },
      },
      (request) =>
        detection.alerts.setStatus(
          request.params.id,
          request.body.status,
          request.body.note?.trim() || null,
          actorOf(request),
        ),
    );

    app.post(
      '/alerts/:id/incident',
      {
        config: workers,
        schema: {
          params: IdParams,
          body: NoBody,
          response: { 200: Type.Object({ incidentId: Type.String() }) },
        },
      },
      (request) => detection.alerts.openIncident(request.params.id, actorOf(request)),
    );

    app.get(
      '/alert-suppressions',
      {
        config: anyone,
        schema: { response: { 200: Type.Object({ items: Type.Array(SuppressionSchema) }) } },
      },
      async () => ({ items: await detection.alerts.listSuppressions() }),
    );

    app.post(
      '/alert-suppressions',
      {
        config: suppressors,
        schema: {
          body: Strict({
            ruleId: Type.Optional(Type.Union([Text(200), Type.Null()])),
            host: Type.Optional(Type.Union([Text(255), Type.Null()])),
            assetId: Type.Optional(Type.Union([Text(64), Type.Null()])),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
            until: Type.String({ minLength: 10, maxLength: 40 }),
          }),
          response: { 201: SuppressionSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await detection.alerts.suppress(request.body, actorOf(request))),
    );

    app.delete(
      '/alert-suppressions/:id',
      { config: suppressors, schema: { params: IdParams, body: NoBody, response: { 200: Ok } } },
      async (request) => {
        await detection.alerts.revokeSuppression(request.params.id, actorOf(request));
        return { ok: true as const };
      },
    );

    app.get(
      '/detection-rules',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            q: Type.Optional(Text(200)),
            origin: Type.Optional(literals(RULE_ORIGINS)),
            enabled: Type.Optional(Type.Boolean()),
            level: Type.Optional(literals(DETECTION_LEVELS)),
          }),
          response: { 200: pageOf(DetectionRuleSchema) },
        },
      },
      (request) => detection.rules.list(request.query),
    );

    app.post(
      '/detection-rules/test',
      {
        config: engineers,
        schema: {
          body: Strict({ yaml: RuleText, events: Type.String({ maxLength: 4_000_000 }) }),
          response: { 200: RuleTestResultSchema },
        },
      },
      (request) => detection.rules.testText(request.body.yaml, request.body.events),
    );

    app.get(
      '/detection-rules/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: DetectionRuleTextSchema } } },
      (request) => detection.rules.get(request.params.id),
    );

    app.post(
      '/detection-rules',
      {
        config: engineers,
        schema: {
          body: Strict({ yaml: RuleText, name: Type.Optional(Text(200)) }),
          response: {
            200: Type.Object({
              rules: Type.Array(DetectionRuleSchema),
              problems: Type.Array(Type.String()),
            }),
          },
        },
      },
      (request) =>
        detection.rules.upload(request.body.yaml, actorOf(request), request.body.name ?? undefined),
    );

    app.post(
      '/detection-rules/:id/enabled',
      {
        config: engineers,
        schema: {
          params: IdParams,
          body: Strict({ enabled: Type.Boolean() }),
          response: { 200: DetectionRuleSchema },
        },
      },
      (request) =>
        detection.rules.setEnabled(request.params.id, request.body.enabled, actorOf(request)),
    );

    app.get(
      '/event-sources',
      {
        config: anyone,
        schema: { response: { 200: Type.Object({ items: Type.Array(EventSourceSchema) }) } },
      },
      async () => ({ items: await detection.sources.list() }),
    );

    app.post(
      '/event-sources',
      {
        config: engineers,
        schema: {
          body: Strict({
            name: Type.String({ minLength: 1, maxLength: 64 }),
            protocol: literals(INGEST_PROTOCOLS),
            logsource: Type.Optional(
              Strict({
                product: Type.Optional(Text(64)),
                category: Type.Optional(Text(64)),
                service: Type.Optional(Text(64)),
              }),
            ),
            shape: Type.Optional(Type.Union([literals(EVENT_SHAPES), Type.Null()])),
          }),
          response: {
            201: Type.Object({ source: EventSourceSchema, token: Type.Optional(Type.String()) }),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await detection.sources.create(request.body, actorOf(request))),
    );

    app.get(
      '/event-sources/:id/dead-letters',
      {
        config: anyone,
        schema: {
          params: IdParams,
          querystring: Strict({ ...PageQuery }),
          response: { 200: pageOf(DeadLetterSchema) },
        },
      },
      (request) => detection.sources.deadLetters(request.params.id, request.query),
    );

    app.post(
      '/hunts',
      {
        config: engineers,
        schema: {
          body: Strict({
            ruleIds: Type.Optional(Type.Array(Text(200), { maxItems: 5_000 })),
            yaml: Type.Optional(RuleText),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
          }),
          response: { 202: Type.Object({ jobId: Type.String() }) },
        },
      },
      async (request, reply) => {
        const job = await detection.hunts.start(request.body, actorOf(request));
        return reply.code(202).send({ jobId: job.id });
      },
    );

    app.get(
      '/hunts/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: HuntResultSchema } } },
      (request) => detection.hunts.result(request.params.id),
    );

    app.get(
      '/detection-settings',
      {
        config: engineers,
        schema: { response: { 200: DetectionSettingsSchema } },
      },
      async () => ({
        notifications: await detection.notificationSettings(),
        placeholders: await detection.placeholders(),
      }),
    );

    app.put(
      '/detection-settings/notifications',
      {
        config: engineers,
        schema: { body: NotificationSettingsSchema, response: { 200: NotificationSettingsSchema } },
      },
      (request) => detection.saveNotificationSettings(request.body, actorOf(request)),
    );

    app.put(
      '/detection-settings/placeholders',
      {
        config: engineers,
        schema: {
          body: Strict({
            values: Type.Record(
              Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }),
              Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 5_000 }),
            ),
          }),
          response: { 200: Ok },
        },
      },
      async (request) => {
        await detection.savePlaceholders(request.body.values, actorOf(request));
        return { ok: true as const };
      },
    );

    done();
  };
}

/**
 * `POST /ingest/events`: NDJSON or a JSON array, opened by a source's bearer token. Registered in
 * its own scope, where every content type reaches the route as a stream, bounded while it is read.
 */
export function ingestRoutes(services: Services) {
  const { detection } = services;
  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    server.removeAllContentTypeParsers();
    server.addContentTypeParser('*', (_request, payload, parsed) => {
      parsed(null, payload);
    });
    server.post(
      '/ingest/events',
      {
        // Not a session route: the source token is checked here, before the body is read.
        config: { access: PUBLIC },
        onRequest: async (request) => {
          const header = request.headers.authorization ?? '';
          const token = /^Bearer (\S+)$/i.exec(header)?.[1];
          request.ingestSource = await detection.sources.authenticate(token);
        },
      },
      async (request) => {
        const source = request.ingestSource;
        if (source === undefined || !(Symbol.asyncIterator in Object(request.body))) {
          throw new WardlineError('WL_REQUEST_INVALID', 'No event body.');
        }
        await detection.ensureBundledRules();
        const totals = { accepted: 0, rejected: 0 };
        let batch: LogReadItem[] = [];
        const send = async (): Promise<void> => {
          const result = await detection.sources.ingest(source, batch);
          totals.accepted += result.accepted;
          totals.rejected += result.rejected;
          batch = [];
        };
        for await (const item of readIngestBody(request.body as AsyncIterable<Uint8Array>, {
          maxBytes: MAX_INGEST_BYTES,
          source: `http:${source.name}`,
          ...(source.shape === null ? {} : { shape: source.shape }),
        })) {
          if (item.kind === 'rejected' && item.diagnostic.code === 'WL_INGEST_BODY_TOO_LARGE') {
            await send();
            throw new WardlineError(
              'WL_REQUEST_TOO_LARGE',
              `An ingest request may be at most ${String(MAX_INGEST_BYTES)} bytes; events before the limit were kept.`,
            );
          }
          batch.push(item);
          if (batch.length >= INGEST_BATCH) await send();
        }
        await send();
        return totals;
      },
    );
    done();
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    ingestSource?: EventSource;
  }
}
