/**
 * CPE 2.3 formatted strings (NISTIR 7695 §6.2): checking one, reading its version field, and
 * building one from a vendor and product name.
 */
import { MAX_VALUE_CHARS } from './limits.js';

const PARTS: ReadonlySet<string> = new Set(['a', 'o', 'h', '*']);

/** The 11 attribute values of a CPE 2.3 formatted string (escapes kept), or null. */
export function cpeFields(cpe: string): string[] | null {
  if (!cpe.startsWith('cpe:2.3:') || cpe.length > MAX_VALUE_CHARS) return null;
  const fields: string[] = [];
  let current = '';
  for (let at = 8; at < cpe.length; at += 1) {
    const char = cpe.charAt(at);
    if (char === '\\') {
      current += cpe.slice(at, at + 2);
      at += 1;
    } else if (char === ':') {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  if (fields.length !== 11 || fields.some((field) => field === '')) return null;
  return PARTS.has(fields[0] ?? '') ? fields : null;
}

/** True for a well-formed CPE 2.3 formatted string. */
export function isCpe23(cpe: string): boolean {
  return cpeFields(cpe) !== null;
}

/**
 * One attribute value written for a formatted string: lower case, spaces as `_`, and every
 * character other than letters, digits, `_`, `-` and `.` escaped with a backslash (NVD writes
 * `wp_maintenance_mode_\&_coming_soon`). `*` alone stays the ANY wildcard.
 */
export function cpeValue(text: string): string {
  const trimmed = text.trim().toLowerCase().replace(/\s+/g, '_');
  if (trimmed === '*' || trimmed === '') return '*';
  return trimmed.replace(/[^a-z0-9_.-]/g, (char) => `\\${char}`);
}

/** `cpe:2.3:a:<vendor>:<product>:<version>:*:*:*:*:*:*:*`. */
export function applicationCpe(vendor: string, product: string, version = '*'): string {
  return `cpe:2.3:a:${cpeValue(vendor)}:${cpeValue(product)}:${cpeValue(version)}:*:*:*:*:*:*:*`;
}

/** The CPE with its version field replaced. */
export function withCpeVersion(cpe: string, version: string): string {
  const fields = cpeFields(cpe);
  if (fields === null) return cpe;
  fields[3] = cpeValue(version);
  return `cpe:2.3:${fields.join(':')}`;
}
