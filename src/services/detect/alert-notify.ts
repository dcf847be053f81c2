/**
 * Telling people about new alerts: a JSON POST to a webhook (chat, ticketing, on-call), a CEF
 * line over syslog to the hospital's SIEM, and an e-mail through its SMTP relay. Only alerts at
 * or above the configured level are sent; each channel's outcome is written to the audit log, and
 * a channel that fails never stops detection. Messages name the rule, level, asset and ATT&CK
 * techniques, never the events themselves: those may hold PHI and stay in Wardline.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { DETECTION_LEVELS, type Alert, type DetectionLevel } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { formatCef } from '../../formats/cef/index.js';
import { formatSyslog5424 } from '../../formats/syslog/index.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Database } from '../../store/schema.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, SYSTEM_ACTOR, type Actor } from '../context.js';

const SETTING = 'detection.notifications';
const TIMEOUT_MS = 10_000;

export interface AlertNotificationSettings {
  /** Alerts below this level are not sent. */
  readonly minLevel: DetectionLevel;
  /** An https URL (http only to loopback). */
  readonly webhookUrl: string | null;
  /** A syslog collector for CEF lines. */
  readonly cef: {
    readonly host: string;
    readonly port: number;
    readonly protocol: 'udp' | 'tcp';
  } | null;
  /** An SMTP relay; the password, if the relay needs one, comes from `WARDLINE_SMTP_PASSWORD`. */
  readonly email: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string | null;
    readonly from: string;
    readonly to: readonly string[];
  } | null;
}

export const DEFAULT_ALERT_NOTIFICATIONS: AlertNotificationSettings = {
  minLevel: 'high',
  webhookUrl: null,
  cef: null,
  email: null,
};

export async function alertNotificationSettings(
  db: Kysely<Database>,
): Promise<AlertNotificationSettings> {
  const stored = (await getSetting(db, SETTING)) as Partial<AlertNotificationSettings> | undefined;
  return { ...DEFAULT_ALERT_NOTIFICATIONS, ...(stored ?? {}) };
}

function checkSettings(settings: AlertNotificationSettings): void {
  if (!DETECTION_LEVELS.includes(settings.minLevel)) {
    throw new WardlineError('WL_REQUEST_INVALID', 'Unknown minimum level.');
  }
  if (settings.webhookUrl !== null) {
    let url: URL;
    try {
      url = new URL(settings.webhookUrl);
    } catch {
      throw new WardlineError('WL_REQUEST_INVALID', 'The webhook URL is not a URL.');
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new WardlineError('WL_REQUEST_INVALID', 'The webhook must use https.');
    }
  }
  const port = settings.cef?.port ?? settings.email?.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw new WardlineError('WL_REQUEST_INVALID', 'A port must be 1–65535.');
  }
}

export async function saveAlertNotificationSettings(
  db: Kysely<Database>,
  audit: AuditService,
  actor: Actor,
  settings: AlertNotificationSettings,
  now: string,
): Promise<AlertNotificationSettings> {
  checkSettings(settings);
  await audit.recordChange(
    (trx) => setSetting(trx, SETTING, settings, now),
    () => ({
      ...auditedBy(actor),
      action: 'detection.notifications',
      targetType: 'settings',
      targetId: SETTING,
      details: {
        minLevel: settings.minLevel,
        webhook: settings.webhookUrl === null ? 'off' : 'on',
        cef: settings.cef === null ? 'off' : `${settings.cef.protocol}:${settings.cef.host}`,
        email: settings.email === null ? 'off' : settings.email.to.length,
      },
    }),
  );
  return settings;
}

function severityOf(level: DetectionLevel): number {
  return [1, 3, 5, 8, 10][DETECTION_LEVELS.indexOf(level)] ?? 5;
}

/** The CEF line for an alert; the receiver sees rule, level, asset and techniques. */
export function alertCef(alert: Alert, version: string): string {
  return formatCef({
    vendor: 'Wardline',
    product: 'Wardline',
    version,
    signatureId: alert.ruleId,
    name: alert.title,
    severity: severityOf(alert.level),
    extension: [
      ['rt', Date.parse(alert.lastSeen)],
      ['externalId', alert.id],
      ...(alert.host === null ? [] : ([['dhost', alert.host]] as const)),
      ['cs1Label', 'techniques'],
      ['cs1', alert.techniques.join(',')],
      ['cs2Label', 'asset'],
      ['cs2', alert.assetName ?? alert.assetId ?? ''],
      ['cnt', alert.count],
    ],
  });
}

async function sendSyslog(
  target: NonNullable<AlertNotificationSettings['cef']>,
  lines: readonly string[],
): Promise<void> {
  const messages = lines.map((line) =>
    formatSyslog5424({
      facility: 10,
      facilityName: 'authpriv',
      severity: 4,
      severityName: 'warning',
      timestamp: new Date().toISOString(),
      hostname: 'wardline',
      appName: 'wardline',
      procId: null,
      msgId: 'alert',
      structuredData: {},
      message: line,
      format: 'rfc5424',
    }),
  );
  if (target.protocol === 'udp') {
    const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
    try {
      for (const message of messages) {
        await new Promise<void>((resolve, reject) => {
          socket.send(message, target.port, target.host, (error) => {
            if (error) reject(error);
            else resolve();
          });
        });
      }
    } finally {
      socket.close();
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, timeout: TIMEOUT_MS });
    socket.once('error', reject);
    socket.once('timeout', () => {
      socket.destroy(new Error('timeout'));
    });
    socket.once('connect', () => {
      // RFC 6587 octet counting, so a line holding a newline stays one message.
      const framed = messages.map((m) => `${String(Buffer.byteLength(m))} ${m}`).join('');
      socket.end(framed, () => {
        resolve();
      });
    });
  });
}

async function sendWebhook(url: string, alerts: readonly Alert[]): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Wardline' },
    body: JSON.stringify({
      event: 'wardline.detection.alerts',
      alerts: alerts.map((a) => ({
        id: a.id,
        ruleId: a.ruleId,
        title: a.title,
        level: a.level,
        techniques: a.techniques,
        asset: a.assetName ?? a.assetId,
        host: a.host,
        firstSeen: a.firstSeen,
      })),
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
}

async function sendEmail(
  target: NonNullable<AlertNotificationSettings['email']>,
  alerts: readonly Alert[],
): Promise<void> {
  const password = process.env['WARDLINE_SMTP_PASSWORD'];
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: !target.secure && target.host !== 'localhost' && target.host !== '127.0.0.1',
    connectionTimeout: TIMEOUT_MS,
    ...(target.user === null || password === undefined
      ? {}
      : { auth: { user: target.user, pass: password } }),
  });
  const lines = alerts.map(
    (a) =>
      `[${a.level}] ${a.title} on ${a.assetName ?? a.host ?? 'an unknown host'} (${a.techniques.join(', ') || 'no technique'}) — alert ${a.id}`,
  );
  await transport.sendMail({
    from: target.from,
    to: [...target.to],
    subject: `Wardline: ${String(alerts.length)} new alert${alerts.length === 1 ? '' : 's'}`,
    text: `${lines.join('\n')}\n\nOpen Wardline to see the events.\n`,
  });
  transport.close();
}

/** Sends new alerts at or above the configured level on every configured channel. */
export async function notifyAlerts(
  db: Kysely<Database>,
  audit: AuditService,
  alerts: readonly Alert[],
  version: string,
): Promise<void> {
  if (alerts.length === 0) return;
  const settings = await alertNotificationSettings(db);
  const floor = DETECTION_LEVELS.indexOf(settings.minLevel);
  const due = alerts.filter((a) => DETECTION_LEVELS.indexOf(a.level) >= floor);
  if (due.length === 0) return;
  const channels: [string, () => Promise<void>][] = [];
  const { webhookUrl, cef, email } = settings;
  if (webhookUrl !== null) channels.push(['webhook', () => sendWebhook(webhookUrl, due)]);
  if (cef !== null)
    channels.push([
      'cef',
      () =>
        sendSyslog(
          cef,
          due.map((a) => alertCef(a, version)),
        ),
    ]);
  if (email !== null) channels.push(['email', () => sendEmail(email, due)]);
  for (const [channel, send] of channels) {
    let error: string | undefined;
    try {
      await send();
    } catch (caught) {
      error = caught instanceof Error ? caught.message.slice(0, 200) : 'unknown';
    }
    await audit.record({
      ...auditedBy(SYSTEM_ACTOR, error === undefined ? 'success' : 'failure'),
      action: 'detection.notify',
      targetType: 'settings',
      targetId: SETTING,
      details: { channel, alerts: due.length, ...(error === undefined ? {} : { error }) },
    });
  }
}
