/**
 * The reviewed access policy: who may call each route. The authorization test asserts that the
 * routes declare exactly this, and that the server enforces what they declare. A new route fails
 * the test until it is added here, so every access decision is made on purpose.
 */
import type { Role } from '../../src/domain/roles.js';
import type { SessionStage } from '../../src/domain/user.js';

export type Expected =
  | 'public'
  | { readonly stages: readonly SessionStage[] }
  /** `temporaryPassword`: open to users who still have the password an administrator set. */
  | { readonly roles: readonly Role[]; readonly temporaryPassword?: true };

const ALL: readonly Role[] = [
  'admin',
  'security-analyst',
  'incident-lead',
  'clinical-engineer',
  'auditor',
];
const ADMIN: readonly Role[] = ['admin'];
const IMPORTERS: readonly Role[] = ['admin', 'security-analyst', 'clinical-engineer'];
/** Who works findings; accepting a risk is further limited inside the route to RISK_OWNERS. */
const FINDING_WORKERS: readonly Role[] = ['admin', 'security-analyst', 'clinical-engineer'];
/** The security lead's decisions: exceptions, the patch policy, loading feeds. */
const RISK_OWNERS: readonly Role[] = ['admin', 'security-analyst'];
/** Who works alerts; who silences them; who changes what runs (rules, sources, hunts). */
const ALERT_WORKERS: readonly Role[] = [
  'admin',
  'security-analyst',
  'incident-lead',
  'clinical-engineer',
];
const SUPPRESSORS: readonly Role[] = ['admin', 'security-analyst', 'incident-lead'];
const DETECTION_ENGINEERS: readonly Role[] = ['admin', 'security-analyst'];

export const ACCESS_POLICY: Readonly<Record<string, Expected>> = {
  'GET /healthz': 'public',
  'GET /metrics': { roles: ADMIN },
  'GET /api/openapi.json': 'public',
  'GET /api/v1/bootstrap': 'public',
  'POST /api/v1/bootstrap': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/auth/session': { stages: ['password', 'enroll', 'full'] },
  'POST /api/v1/auth/totp': { stages: ['password'] },
  'POST /api/v1/auth/passkey/options': { stages: ['password'] },
  'POST /api/v1/auth/passkey/verify': { stages: ['password'] },
  'POST /api/v1/auth/enroll/totp': { stages: ['enroll', 'full'] },
  'POST /api/v1/auth/enroll/totp/confirm': { stages: ['enroll', 'full'] },
  'POST /api/v1/auth/logout': { stages: ['password', 'enroll', 'full'] },
  'POST /api/v1/auth/logout-all': { roles: ALL, temporaryPassword: true },
  'POST /api/v1/me/passkeys/options': { roles: ALL },
  'POST /api/v1/me/passkeys': { roles: ALL },
  'POST /api/v1/me/password': { roles: ALL, temporaryPassword: true },
  'GET /api/v1/users': { roles: ADMIN },
  'POST /api/v1/users': { roles: ADMIN },
  'PATCH /api/v1/users/:id': { roles: ADMIN },
  'POST /api/v1/users/:id/reset-mfa': { roles: ADMIN },
  'POST /api/v1/users/:id/reset-password': { roles: ADMIN },
  'POST /api/v1/users/:id/unlock': { roles: ADMIN },
  'GET /api/v1/audit': { roles: ['admin', 'auditor'] },
  'GET /api/v1/audit/head': { roles: ['admin', 'auditor'] },
  'GET /api/v1/audit/verify': { roles: ['admin', 'auditor'] },
  'GET /api/v1/overview': { roles: ALL },
  'GET /api/v1/sites': { roles: ALL },
  'GET /api/v1/zones': { roles: ALL },
  'GET /api/v1/assets': { roles: ALL },
  'GET /api/v1/assets/:id': { roles: ALL },
  'PATCH /api/v1/assets/:id': { roles: IMPORTERS },
  'GET /api/v1/assets/:id/provenance': { roles: ALL },
  'GET /api/v1/assets/:id/communications': { roles: ALL },
  'GET /api/v1/map': { roles: ALL },
  'POST /api/v1/zones': { roles: IMPORTERS },
  'PATCH /api/v1/zones/:id': { roles: IMPORTERS },
  'DELETE /api/v1/zones/:id': { roles: IMPORTERS },
  'POST /api/v1/imports': { roles: IMPORTERS },
  'GET /api/v1/imports': { roles: ALL },
  'GET /api/v1/imports/:id': { roles: ALL },
  'GET /api/v1/imports/:id/diagnostics': { roles: ALL },
  'GET /api/v1/jobs': { roles: ALL },
  'GET /api/v1/jobs/:id': { roles: ALL },
  'POST /api/v1/jobs/:id/cancel': { roles: IMPORTERS },
  'GET /api/v1/vulnerabilities': { roles: ALL },
  'GET /api/v1/vulnerabilities/:vulnId': { roles: ALL },
  'GET /api/v1/findings': { roles: ALL },
  'GET /api/v1/findings/:id': { roles: ALL },
  'GET /api/v1/findings/:id/history': { roles: ALL },
  'POST /api/v1/findings/:id/status': { roles: FINDING_WORKERS },
  'GET /api/v1/vuln-exceptions': { roles: ALL },
  'POST /api/v1/vuln-exceptions': { roles: RISK_OWNERS },
  'DELETE /api/v1/vuln-exceptions/:id': { roles: RISK_OWNERS },
  'GET /api/v1/patch-policy': { roles: ALL },
  'PUT /api/v1/patch-policy': { roles: RISK_OWNERS },
  'GET /api/v1/vuln-dashboard': { roles: ALL },
  'GET /api/v1/vuln-notifications': { roles: RISK_OWNERS },
  'PUT /api/v1/vuln-notifications': { roles: RISK_OWNERS },
  'GET /api/v1/vuln-exports': { roles: ALL },
  'GET /api/v1/feeds': { roles: ALL },
  'POST /api/v1/feeds/files': { roles: RISK_OWNERS },
  'POST /api/v1/feeds/sync': { roles: RISK_OWNERS },
  'GET /api/v1/alerts': { roles: ALL },
  'GET /api/v1/alerts/:id': { roles: ALL },
  'POST /api/v1/alerts/:id/status': { roles: ALERT_WORKERS },
  'POST /api/v1/alerts/:id/incident': { roles: ALERT_WORKERS },
  'GET /api/v1/alert-suppressions': { roles: ALL },
  'POST /api/v1/alert-suppressions': { roles: SUPPRESSORS },
  'DELETE /api/v1/alert-suppressions/:id': { roles: SUPPRESSORS },
  'GET /api/v1/detection-rules': { roles: ALL },
  'GET /api/v1/detection-rules/:id': { roles: ALL },
  'POST /api/v1/detection-rules': { roles: DETECTION_ENGINEERS },
  'POST /api/v1/detection-rules/test': { roles: DETECTION_ENGINEERS },
  'POST /api/v1/detection-rules/:id/enabled': { roles: DETECTION_ENGINEERS },
  'GET /api/v1/event-sources': { roles: ALL },
  'POST /api/v1/event-sources': { roles: DETECTION_ENGINEERS },
  'GET /api/v1/event-sources/:id/dead-letters': { roles: ALL },
  'POST /api/v1/hunts': { roles: DETECTION_ENGINEERS },
  'GET /api/v1/hunts/:id': { roles: ALL },
  // Settings may hold a webhook URL with its secret: read and written by the security lead only.
  'GET /api/v1/detection-settings': { roles: DETECTION_ENGINEERS },
  'PUT /api/v1/detection-settings/notifications': { roles: DETECTION_ENGINEERS },
  'PUT /api/v1/detection-settings/placeholders': { roles: DETECTION_ENGINEERS },
  // No session: the route itself checks the source's bearer token before reading the body.
  'POST /api/v1/ingest/events': 'public',
};
