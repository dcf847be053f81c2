/**
 * CSV cells and rows (RFC 4180) safe to open in a spreadsheet. A cell starting with `=`, `+`, `-`,
 * `@`, tab or CR is a formula to Excel, Calc and Sheets; such cells are prefixed with `'` unless
 * `escapeFormulas` is false (OWASP "CSV Injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when it must be and defused when it looks like a formula. */
export function csvCell(value: string, delimiter = ',', escapeFormulas = true): string {
  const safe = escapeFormulas && FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes =
    safe.includes(delimiter) ||
    /["\r\n]/.test(safe) ||
    safe !== safe.trim() ||
    safe.startsWith("'");
  return needsQuotes ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV text with CRLF line endings, formulas defused. */
export function writeCsvRows(rows: Iterable<readonly string[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map((cell) => csvCell(cell)).join(',')}\r\n`;
  return out;
}
