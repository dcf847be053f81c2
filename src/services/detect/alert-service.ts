/**
 * Alerts as people work them: the queue, one alert with its events and history, status changes
 * checked against the allowed moves, suppressions with a reason and an end, and "open incident",
 * which hands the alert to incident response.
 */
import {
  ALERT_TRANSITIONS,
  type Alert,
  type AlertDetail,
  type AlertStatus,
  type Suppression,
} from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Page } from '../../domain/page.js';
import * as alertRepo from '../../store/alert-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';

/** Longest a suppression may last: a year; anything longer should be a rule change. */
const MAX_SUPPRESSION_DAYS = 366;

export interface NewSuppression {
  readonly ruleId?: string | null;
  readonly host?: string | null;
  readonly assetId?: string | null;
  readonly reason: string;
  /** ISO date or time; a date holds through its last second. */
  readonly until: string;
}

function endOf(until: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T23:59:59.999Z` : until;
  const time = Date.parse(text);
  if (Number.isNaN(time))
    throw new WardlineError('WL_SUPPRESSION_INVALID', 'The end is not a date.');
  return new Date(time).toISOString();
}

export function createAlertService(ctx: ServiceContext, audit: AuditService) {
  const { db, keyring, clock } = ctx;

  async function mustGet(id: string): Promise<Alert> {
    const alert = await alertRepo.getAlert(db, id);
    if (alert === undefined) throw new WardlineError('WL_NOT_FOUND', 'No such alert.');
    return alert;
  }

  return {
    list: (filters: alertRepo.AlertFilters): Promise<Page<Alert>> =>
      alertRepo.listAlerts(db, filters),

    async get(id: string): Promise<AlertDetail> {
      const detail = await alertRepo.getAlertDetail(db, keyring, id);
      if (detail === undefined) throw new WardlineError('WL_NOT_FOUND', 'No such alert.');
      return detail;
    },

    async setStatus(
      id: string,
      to: AlertStatus,
      note: string | null,
      actor: Actor,
    ): Promise<Alert> {
      const alert = await mustGet(id);
      if (!ALERT_TRANSITIONS[alert.status].includes(to)) {
        throw new WardlineError(
          'WL_ALERT_TRANSITION',
          `An alert that is ${alert.status} cannot become ${to}.`,
        );
      }
      const at = clock().toISOString();
      await audit.recordChange(
        (trx) =>
          alertRepo.setAlertStatus(trx, { id, from: alert.status, to, note, by: actor.name, at }),
        () => ({
          ...auditedBy(actor),
          action: 'detection.alert.status',
          targetType: 'alert',
          targetId: id,
          details: { from: alert.status, to },
        }),
      );
      return mustGet(id);
    },

    /** Opens an incident from the alert (once; a second call returns the same incident). */
    async openIncident(id: string, actor: Actor): Promise<{ incidentId: string }> {
      const alert = await mustGet(id);
      if (alert.incidentId !== null) return { incidentId: alert.incidentId };
      const incidentId = newId('incident');
      const at = clock().toISOString();
      await audit.recordChange(
        async (trx) => {
          await alertRepo.insertIncident(trx, {
            id: incidentId,
            title: `${alert.title} on ${alert.assetName ?? alert.host ?? 'an unknown host'}`,
            severity: alert.level,
            alertId: id,
            assetId: alert.assetId,
            createdBy: actor.id,
            createdAt: at,
          });
          await alertRepo.setAlertIncident(trx, id, incidentId, at);
          if (alert.status === 'new') {
            await alertRepo.setAlertStatus(trx, {
              id,
              from: 'new',
              to: 'acknowledged',
              note: `Incident ${incidentId} opened.`,
              by: actor.name,
              at,
            });
          }
        },
        () => ({
          ...auditedBy(actor),
          action: 'detection.alert.incident',
          targetType: 'alert',
          targetId: id,
          details: { incidentId },
        }),
      );
      return { incidentId };
    },

    listSuppressions: (): Promise<Suppression[]> => alertRepo.listSuppressions(db),

    async suppress(input: NewSuppression, actor: Actor): Promise<Suppression> {
      const reason = input.reason.trim();
      const ruleId = input.ruleId ?? null;
      const host = input.host?.trim() || null;
      const assetId = input.assetId ?? null;
      if (reason === '') throw new WardlineError('WL_SUPPRESSION_INVALID', 'Say why.');
      if (ruleId === null && host === null && assetId === null) {
        throw new WardlineError('WL_SUPPRESSION_INVALID', 'Name a rule, a host or an asset.');
      }
      const now = clock();
      const until = endOf(input.until);
      const days = (Date.parse(until) - now.getTime()) / 86_400_000;
      if (days <= 0 || days > MAX_SUPPRESSION_DAYS) {
        throw new WardlineError(
          'WL_SUPPRESSION_INVALID',
          `The end must be in the future and within ${String(MAX_SUPPRESSION_DAYS)} days.`,
        );
      }
      const suppression: Suppression = {
        id: newId('suppression'),
        ruleId,
        host,
        assetId,
        reason,
        until,
        createdBy: actor.name,
        createdAt: now.toISOString(),
        revokedAt: null,
      };
      await audit.recordChange(
        (trx) => alertRepo.insertSuppression(trx, suppression),
        () => ({
          ...auditedBy(actor),
          action: 'detection.suppression.create',
          targetType: 'suppression',
          targetId: suppression.id,
          details: { ruleId, host, assetId, until },
        }),
      );
      return suppression;
    },

    async revokeSuppression(id: string, actor: Actor): Promise<void> {
      await audit.recordChange(
        async (trx) => {
          // Thrown inside the change, so nothing is audited when nothing was revoked.
          if (!(await alertRepo.revokeSuppression(trx, id, clock().toISOString()))) {
            throw new WardlineError('WL_NOT_FOUND', 'No such active suppression.');
          }
        },
        () => ({
          ...auditedBy(actor),
          action: 'detection.suppression.revoke',
          targetType: 'suppression',
          targetId: id,
        }),
      );
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
