/** TypeBox schemas of the detection routes: alerts, suppressions, rules, sources, hunts. */
import { Type } from '@sinclair/typebox';
import {
  ALERT_STATUSES,
  DETECTION_LEVELS,
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  RULE_ORIGINS,
} from '../../domain/detection.js';
import { literals } from './schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const LogSourceSchema = Type.Object({
  product: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  service: Type.Optional(Type.String()),
  alsoCategories: Type.Optional(Type.Array(Type.String())),
});

/** Event data is whatever the source wrote: any JSON object. */
export const LogEventSchema = Type.Object({
  time: Type.String(),
  logsource: LogSourceSchema,
  shape: literals(EVENT_SHAPES),
  data: Type.Object({}, { additionalProperties: true }),
  host: Type.Optional(Type.String()),
  ips: Type.Optional(Type.Array(Type.String())),
  origin: Type.Optional(
    Type.Object({ source: Type.String(), position: Type.Optional(Type.String()) }),
  ),
});

const RuleSummaryFields = {
  ruleId: Type.String(),
  title: Type.String(),
  level: literals(DETECTION_LEVELS),
  tags: Type.Array(Type.String()),
  techniques: Type.Array(Type.String()),
  description: Type.Optional(Type.String()),
};

export const DetectionSchema = Type.Object({
  ...RuleSummaryFields,
  kind: literals(['rule', 'correlation']),
  events: Type.Array(LogEventSchema),
  groupKey: Type.Optional(Type.String()),
  time: Type.String(),
});

const AlertFields = {
  ...RuleSummaryFields,
  id: Type.String(),
  kind: literals(['rule', 'correlation']),
  status: literals(ALERT_STATUSES),
  assetId: Nullable(Type.String()),
  assetName: Nullable(Type.String()),
  host: Nullable(Type.String()),
  groupKey: Nullable(Type.String()),
  count: Type.Integer(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  sourceId: Nullable(Type.String()),
  incidentId: Nullable(Type.String()),
  statusNote: Nullable(Type.String()),
  updatedAt: Type.String(),
};

export const AlertSchema = Type.Object(AlertFields);

export const AlertDetailSchema = Type.Object({
  ...AlertFields,
  events: Type.Array(LogEventSchema),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      by: Nullable(Type.String()),
      from: Nullable(literals(ALERT_STATUSES)),
      to: literals(ALERT_STATUSES),
      note: Nullable(Type.String()),
    }),
  ),
});

export const SuppressionSchema = Type.Object({
  id: Type.String(),
  ruleId: Nullable(Type.String()),
  host: Nullable(Type.String()),
  assetId: Nullable(Type.String()),
  reason: Type.String(),
  until: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});

const RuleFields = {
  id: Type.String(),
  ruleId: Type.String(),
  title: Type.String(),
  level: literals(DETECTION_LEVELS),
  kind: literals(['rule', 'correlation']),
  origin: literals(RULE_ORIGINS),
  path: Type.String(),
  logsource: LogSourceSchema,
  tags: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  problems: Type.Array(Type.String()),
  updatedAt: Type.String(),
};

export const DetectionRuleSchema = Type.Object(RuleFields);
export const DetectionRuleTextSchema = Type.Object({ ...RuleFields, yaml: Type.String() });

export const EventSourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  protocol: literals(INGEST_PROTOCOLS),
  logsource: LogSourceSchema,
  shape: Nullable(literals(EVENT_SHAPES)),
  enabled: Type.Boolean(),
  eventsTotal: Type.Integer(),
  errorsTotal: Type.Integer(),
  droppedTotal: Type.Integer(),
  lastEventAt: Nullable(Type.String()),
  eps: Type.Number(),
  createdAt: Type.String(),
});

export const DeadLetterSchema = Type.Object({
  id: Type.String(),
  sourceId: Type.String(),
  receivedAt: Type.String(),
  code: Type.String(),
  message: Type.String(),
  position: Nullable(Type.String()),
  raw: Nullable(Type.String()),
});

export const HuntResultSchema = Type.Object({
  events: Type.Integer(),
  detections: Type.Array(DetectionSchema),
  byRule: Type.Record(Type.String(), Type.Integer()),
  truncated: Type.Boolean(),
  problems: Type.Array(Type.String()),
});

export const RuleTestResultSchema = Type.Object({
  detections: Type.Array(DetectionSchema),
  problems: Type.Array(Type.String()),
  events: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
});

const Port = Type.Integer({ minimum: 1, maximum: 65_535 });

export const NotificationSettingsSchema = Type.Object(
  {
    minLevel: literals(DETECTION_LEVELS),
    webhookUrl: Nullable(Type.String({ maxLength: 2_000 })),
    cef: Nullable(
      Type.Object(
        {
          host: Type.String({ minLength: 1, maxLength: 255 }),
          port: Port,
          protocol: literals(['udp', 'tcp']),
        },
        { additionalProperties: false },
      ),
    ),
    email: Nullable(
      Type.Object(
        {
          host: Type.String({ minLength: 1, maxLength: 255 }),
          port: Port,
          secure: Type.Boolean(),
          user: Nullable(Type.String({ maxLength: 255 })),
          from: Type.String({ minLength: 3, maxLength: 254 }),
          to: Type.Array(Type.String({ minLength: 3, maxLength: 254 }), {
            minItems: 1,
            maxItems: 50,
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DetectionSettingsSchema = Type.Object({
  notifications: NotificationSettingsSchema,
  placeholders: Type.Record(Type.String(), Type.Array(Type.String())),
});
