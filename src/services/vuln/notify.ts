/**
 * Telling people when a new advisory hits the fleet: after a feed import opens findings, a JSON
 * summary is POSTed to the webhook the security lead configured (a chat channel, a ticketing
 * system, an on-call tool), and the notification is recorded in the audit log either way. A
 * webhook that fails is recorded as a failure; it never fails the import.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../../domain/errors.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Database } from '../../store/schema.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, SYSTEM_ACTOR, type Actor } from '../context.js';
import type { MatchRunCounts } from './match-run.js';

const SETTING = 'vuln.notifications';
const WEBHOOK_TIMEOUT_MS = 10_000;
/** At most this many vulnerabilities are listed in one notification. */
const MAX_LISTED = 50;

export interface NotificationSettings {
  /** An https URL (http only to loopback, for a local relay); null turns notifications off. */
  readonly webhookUrl: string | null;
}

export async function notificationSettings(db: Kysely<Database>): Promise<NotificationSettings> {
  const stored = await getSetting(db, SETTING);
  const url = (stored as Partial<NotificationSettings> | undefined)?.webhookUrl;
  return { webhookUrl: typeof url === 'string' ? url : null };
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WardlineError('WL_REQUEST_INVALID', 'The webhook URL is not a URL.');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new WardlineError(
      'WL_REQUEST_INVALID',
      'The webhook must use https (http only to a relay on this machine).',
    );
  }
}

export async function saveNotificationSettings(
  db: Kysely<Database>,
  audit: AuditService,
  actor: Actor,
  settings: NotificationSettings,
  now: Date,
): Promise<NotificationSettings> {
  if (settings.webhookUrl !== null) checkUrl(settings.webhookUrl);
  await audit.recordChange(
    (trx) => setSetting(trx, SETTING, settings, now.toISOString()),
    () => ({
      ...auditedBy(actor),
      action: 'vuln.notifications',
      targetType: 'settings',
      targetId: SETTING,
      // The URL may carry a token; the audit log says only whether one is set.
      details: { webhook: settings.webhookUrl === null ? 'off' : 'on' },
    }),
  );
  return settings;
}

/** Sends the summary of newly opened findings, when there are any and a webhook is set. */
export async function notifyNewFindings(
  db: Kysely<Database>,
  audit: AuditService,
  counts: MatchRunCounts | null,
  now: Date,
): Promise<void> {
  if (counts === null || counts.newlyOpened.length === 0) return;
  const { webhookUrl } = await notificationSettings(db);
  if (webhookUrl === null) return;
  const listed = [...counts.newlyOpened].sort((a, b) => b.assets - a.assets).slice(0, MAX_LISTED);
  const body = {
    event: 'wardline.vulnerabilities.new-findings',
    at: now.toISOString(),
    findings: counts.opened,
    vulnerabilities: listed,
  };
  let outcome: 'success' | 'failure' = 'success';
  let detail = '';
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Wardline' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) {
      outcome = 'failure';
      detail = `HTTP ${String(response.status)}`;
    }
  } catch (error) {
    outcome = 'failure';
    detail = error instanceof Error ? error.name : 'unknown';
  }
  await audit.record({
    ...auditedBy(SYSTEM_ACTOR, outcome),
    action: 'vuln.notify',
    targetType: 'settings',
    targetId: SETTING,
    details: {
      findings: counts.opened,
      vulnerabilities: listed.length,
      ...(detail === '' ? {} : { error: detail }),
    },
  });
}
