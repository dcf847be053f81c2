/**
 * ArcSight Common Event Format (CEF) 0 lines, as SIEMs read them from syslog:
 * `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`.
 * Header fields escape `\` and `|`; extension values escape `\`, `=` and line breaks
 * (Micro Focus "Implementing ArcSight CEF", revision 25).
 */

export interface CefEvent {
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly signatureId: string;
  readonly name: string;
  /** 0–10. */
  readonly severity: number;
  /** Extension keys (CEF dictionary names such as `rt`, `dhost`, `cs1`) and their values. */
  readonly extension: ReadonlyArray<readonly [string, string | number]>;
}

/** Header fields longer than this are cut, as receivers truncate them anyway. */
const MAX_HEADER_CHARS = 512;
/** One extension value at most. */
const MAX_VALUE_CHARS = 4_000;

function header(value: string): string {
  return value
    .slice(0, MAX_HEADER_CHARS)
    .replace(/[\\|]/g, (c) => `\\${c}`)
    .replace(/[\r\n]+/g, ' ');
}

function extensionValue(value: string | number): string {
  return String(value)
    .slice(0, MAX_VALUE_CHARS)
    .replace(/[\\=]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Extension keys are alphanumeric; anything else would break the line for the receiver. */
function extensionKey(key: string): string {
  if (!/^[A-Za-z0-9_.]+$/.test(key)) throw new Error(`Invalid CEF extension key ${key}`);
  return key;
}

export function formatCef(event: CefEvent): string {
  const severity = Math.min(10, Math.max(0, Math.round(event.severity)));
  const extension = event.extension
    .map(([key, value]) => `${extensionKey(key)}=${extensionValue(value)}`)
    .join(' ');
  return [
    'CEF:0',
    header(event.vendor),
    header(event.product),
    header(event.version),
    header(event.signatureId),
    header(event.name),
    String(severity),
    extension,
  ].join('|');
}
