/**
 * How times and empty values read on screen. The API speaks UTC and so does the UI, spelled out,
 * so an auditor comparing a screen with a log line never has to guess the zone.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-03-04 05:06 UTC`, or an em dash when there is no time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** The value, or an em dash for nothing. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** `1–50 of 1,234` for a page of a list. */
export function rangeLabel(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return `0 of ${total.toLocaleString('en-US')}`;
  const first = (offset + 1).toLocaleString('en-US');
  const last = (offset + shown).toLocaleString('en-US');
  return `${first}–${last} of ${total.toLocaleString('en-US')}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** `1.4 MB` for a size in bytes (powers of 1,024, one decimal from KB up). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toFixed(1);
  return `${text} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** `1,234` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
