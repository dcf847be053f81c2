const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** Milliseconds from the fraction digits (".5" → 500, ".123456" → 123). */
export function fractionMillis(digits: string | undefined): number {
  if (digits === undefined) return 0;
  return Math.floor(Number(`0.${digits}`) * 1000 + 1e-6);
}

/** UTC ms of wall-clock fields, or null when out of range. A leap second 60 is read as 59. */
export function utcMillis(
  fields: readonly [number, number, number, number, number, number],
  millis: number,
  offsetMinutes: number,
): number | null {
  const [y, mo, d, h, mi, s] = fields;
  if (!valid(y, mo, d, h, mi, s)) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, Math.min(s, 59), millis);
  const ms = date.getTime() - offsetMinutes * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

function zoneMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** An RFC 3339 timestamp (RFC 5424 section 6.2.3) as ISO UTC, or null. */
export function readRfc3339(text: string): string | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const zm = zoneMinutes(zone ?? 'Z');
  if (Math.abs(zm) > 24 * 60) return null;
  const ms = utcMillis(
    [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)],
    fractionMillis(frac),
    zm,
  );
  return ms === null ? null : new Date(ms).toISOString();
}

/** Length of an RFC 3339 timestamp at the start of `text`, up to the first space, or 0. */
export function rfc3339Prefix(text: string): number {
  const end = text.indexOf(' ');
  const token = end < 0 ? text : text.slice(0, end);
  return token.length <= 40 && RFC3339.test(token) ? token.length : 0;
}
