/**
 * Detection as one set of use cases: rules, sources and ingest, alerts, hunts, notification
 * settings and placeholders. The bundled healthcare pack is loaded on first use, so a fresh
 * Wardline detects with it before anyone loads a rule.
 */
import { join } from 'node:path';
import { bundledRulesRoot, packageVersion } from '../../config/paths.js';
import type { AuditService } from '../audit-service.js';
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from '../context.js';
import type { JobService } from '../job-service.js';
import {
  alertNotificationSettings,
  saveAlertNotificationSettings,
  type AlertNotificationSettings,
} from './alert-notify.js';
import { createAlertService } from './alert-service.js';
import { createHuntService } from './hunt-service.js';
import { savePlaceholders, storedPlaceholders } from './placeholders.js';
import { createRuleService } from './rule-service.js';
import { createSourceService } from './source-service.js';

export interface DetectionOptions {
  /** Where the bundled packs are; default the package's `rules/`. */
  readonly bundledRules?: string;
  readonly keepEvents?: boolean;
  readonly retentionDays?: number;
}

export function createDetectionService(
  ctx: ServiceContext,
  audit: AuditService,
  jobs: JobService,
  options: DetectionOptions = {},
) {
  const rules = createRuleService(ctx, audit);
  const sources = createSourceService(ctx, audit, rules, {
    version: packageVersion(),
    ...(options.keepEvents === undefined ? {} : { keepEvents: options.keepEvents }),
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
  });
  const bundled = join(options.bundledRules ?? bundledRulesRoot(), 'healthcare');
  let loading: Promise<unknown> | undefined;

  return {
    rules,
    sources,
    alerts: createAlertService(ctx, audit),
    hunts: createHuntService(ctx, jobs),

    /** Loads (or refreshes) the bundled healthcare pack; once per process unless forced. */
    ensureBundledRules(force = false): Promise<unknown> {
      if (loading === undefined || force) {
        loading = rules.loadDirectory(bundled, SYSTEM_ACTOR, 'bundled', 'healthcare/');
        loading.catch(() => {
          loading = undefined;
        });
      }
      return loading;
    },

    notificationSettings: (): Promise<AlertNotificationSettings> =>
      alertNotificationSettings(ctx.db),
    saveNotificationSettings: (settings: AlertNotificationSettings, actor: Actor) =>
      saveAlertNotificationSettings(ctx.db, audit, actor, settings, ctx.clock().toISOString()),

    placeholders: () => storedPlaceholders(ctx.db),
    async savePlaceholders(values: Record<string, string[]>, actor: Actor): Promise<void> {
      await audit.recordChange(
        (trx) => savePlaceholders(trx, values, ctx.clock().toISOString()),
        () => ({
          actorId: actor.id,
          actorName: actor.name,
          ip: actor.ip,
          outcome: 'success',
          action: 'detection.placeholders',
          targetType: 'settings',
          targetId: 'detection.placeholders',
          details: { names: Object.keys(values) },
        }),
      );
      rules.invalidate();
    },
  };
}

export type DetectionService = ReturnType<typeof createDetectionService>;
