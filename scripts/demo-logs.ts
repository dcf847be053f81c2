/**
 * The demo hospital's day of logs (`demo/logs/`, 27 November 2026 UTC), by path under `demo/`:
 * mostly the ordinary traffic of a working day, with an attack told across them (see
 * `src/services/demo/demo-story.ts` and `demo/README.md`). Deterministic: every generator is
 * seeded, so a second run writes the same bytes.
 */
import { DEMO_LOG_FILES } from '../src/services/demo/demo-story.js';
import { fhirAuditNdjson, pacsAtnaLog } from './demo-logs/audit-trails.js';
import { entraSignInsNdjson, oktaSystemLogNdjson } from './demo-logs/identity.js';
import { serverSyslog } from './demo-logs/syslog.js';
import { windowsEventsJsonl } from './demo-logs/windows-day.js';
import { zeekConnLog } from './demo-logs/zeek-conn.js';

/** The demo's logs stay small: the package ships them. */
export const MAX_DEMO_LOG_BYTES = 3 * 1024 * 1024;

const WRITERS: Readonly<Record<string, () => string>> = {
  'logs/windows-events.jsonl': windowsEventsJsonl,
  'logs/conn.log': zeekConnLog,
  'logs/ehr-fhir-audit.ndjson': fhirAuditNdjson,
  'logs/pacs-atna.log': pacsAtnaLog,
  'logs/okta-system-log.ndjson': oktaSystemLogNdjson,
  'logs/entra-signins.ndjson': entraSignInsNdjson,
  'logs/syslog-servers.log': serverSyslog,
};

/** Every log file, path under `demo/` → text, in `DEMO_LOG_FILES` order. */
export function demoLogFiles(): Map<string, string> {
  const files = new Map<string, string>();
  let total = 0;
  for (const file of DEMO_LOG_FILES) {
    const write = WRITERS[file.path];
    if (write === undefined) throw new Error(`No writer for ${file.path}.`);
    const text = write();
    total += Buffer.byteLength(text);
    files.set(file.path, text);
  }
  if (total > MAX_DEMO_LOG_BYTES) {
    throw new Error(`demo/logs holds ${String(total)} bytes; keep it under 3 MiB.`);
  }
  return files;
}
