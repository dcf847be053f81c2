/** How vulnerability numbers and deadlines read on screen. */

/** `12.3%` for an EPSS probability (0–1); `<0.1%` below that; a dash for none. */
export function formatEpss(epss: number | null | undefined): string {
  if (epss === null || epss === undefined || Number.isNaN(epss)) return '—';
  const percent = epss * 100;
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${percent.toFixed(1)}%`;
}

/** `9.8` for a CVSS base score; a dash for none. */
export function formatCvss(score: number | null | undefined): string {
  if (score === null || score === undefined || Number.isNaN(score)) return '—';
  return score.toFixed(1);
}

/** `2026-03-04` for an instant or a date; a dash for none. */
export function formatDay(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 10);
}

/** `85%` for a match confidence (0–1). */
export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** CVSS severity colour, as NVD bands it. */
export function cvssColor(score: number | null): string {
  if (score === null) return 'gray';
  if (score >= 9) return 'red';
  if (score >= 7) return 'orange';
  if (score >= 4) return 'yellow';
  return score > 0 ? 'teal' : 'gray';
}
