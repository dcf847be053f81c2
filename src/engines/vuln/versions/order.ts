/**
 * The shape every scheme implements: read a string into a comparable key (null when the string is
 * not a version of that scheme), and order two keys.
 */
export interface VersionOrder<Key> {
  parse(version: string): Key | null;
  compare(a: Key, b: Key): number;
}

/** -1, 0 or 1, so callers never see a scheme's raw difference. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Orders two strings of ASCII digits by value without converting them to numbers, so 30-digit
 * date stamps and `0001` compare exactly. Both must be digits only.
 */
export function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAlphaCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Plain code-unit order (ASCII input), independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
