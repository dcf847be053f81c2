/**
 * Which log a file holds, from its first bytes and its name: EVTX by its magic, Zeek TSV by its
 * `#separator` header, ATNA by `<AuditMessage`, JSON logs by the keys their first records carry,
 * syslog by a line that starts like one.
 */

export const LOG_FILE_KINDS = [
  'evtx',
  'zeek-tsv',
  'zeek-json',
  'eve',
  'entra',
  'okta',
  'fhir-audit',
  'atna',
  'jsonlog',
  'syslog',
  'unknown',
] as const;
export type LogFileKind = (typeof LOG_FILE_KINDS)[number];

const EVTX_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

/** JSON kinds, the first whose test holds on the head's text wins. */
const JSON_KINDS: readonly (readonly [LogFileKind, (text: string) => boolean])[] = [
  ['fhir-audit', (t) => /"resourceType"\s*:\s*"AuditEvent"/.test(t)],
  ['eve', (t) => /"event_type"\s*:/.test(t) && /"(flow_id|timestamp|src_ip)"\s*:/.test(t)],
  ['zeek-json', (t) => /"ts"\s*:/.test(t) && /"(uid|id\.orig_h|_path)"\s*:/.test(t)],
  [
    'entra',
    (t) =>
      /"category"\s*:\s*"(SignInLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|ManagedIdentitySignInLogs)"/.test(
        t,
      ) ||
      (/"userPrincipalName"\s*:/.test(t) &&
        /"(appDisplayName|conditionalAccessStatus|createdDateTime)"\s*:/.test(t)),
  ],
  [
    'okta',
    (t) => /"eventType"\s*:/.test(t) && /"published"\s*:/.test(t) && /"(actor|uuid)"\s*:/.test(t),
  ],
];

const SYSLOG_LINE =
  /^(<\d{1,3}>|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d |\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;
const SYSLOG_NAME = /(^|[/\\])(syslog|messages|secure|auth\.log|kern\.log|daemon\.log)([.\-_]|$)/i;

/**
 * `sniffLogFile(bytesOf('#separator \\x09\\n#path\\tconn…'), 'conn.log')` gives `zeek-tsv`;
 * `{"timestamp":…,"event_type":"alert",…}` gives `eve`; bytes nothing matches give `unknown`.
 */
export function sniffLogFile(firstBytes: Uint8Array, name: string): LogFileKind {
  if (EVTX_MAGIC.every((byte, i) => firstBytes[i] === byte)) return 'evtx';
  const text = new TextDecoder('utf-8')
    .decode(firstBytes.subarray(0, 16 * 1024))
    .replace(/^\ufeff/, '')
    .trimStart();
  if (text.startsWith('#separator')) return 'zeek-tsv';
  if (text.startsWith('<')) {
    if (/<AuditMessage[\s>]/.test(text)) return 'atna';
    if (SYSLOG_LINE.test(text)) return 'syslog';
    return 'unknown';
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    for (const [kind, test] of JSON_KINDS) if (test(text)) return kind;
    return 'jsonlog';
  }
  if (SYSLOG_LINE.test(text) || (text !== '' && SYSLOG_NAME.test(name))) return 'syslog';
  return 'unknown';
}
