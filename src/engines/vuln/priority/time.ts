/**
 * ISO 8601 timestamps as the engine accepts them: a date (`2025-03-01`, midnight UTC) or a date
 * and time with seconds optional and an explicit zone (`2025-03-01T08:00:00Z`,
 * `2025-03-01T08:00+01:00`). Anything else is refused rather than left to `Date.parse`, which
 * reads local time and accepts forms that differ between engines.
 *
 * @example
 * parseInstant('2025-03-01'); // → 1740787200000
 * parseInstant('March 1'); // → null
 */

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since the epoch, or null when the text is not such a timestamp. */
export function parseInstant(text: string): number | null {
  if (text.length > 40 || !ISO.test(text)) return null;
  // Date.parse takes at most milliseconds; cut longer fractions.
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  if (!Number.isFinite(ms)) return null;
  // Reject calendar overflow (`2025-02-30`), which Date.parse may roll over.
  const day = text.slice(0, 10);
  const dayMs = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(dayMs)) return null;
  return new Date(dayMs).toISOString().slice(0, 10) === day ? ms : null;
}

/** True when the text is a date without a time. */
export function isDateOnly(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
