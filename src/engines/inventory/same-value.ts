/**
 * Structural equality as JSON sees it: key order does not matter and a key holding `undefined`
 * counts as absent. Used to tell whether a merge changed anything without serializing.
 */

function definedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

/** True when `a` and `b` would serialize to equivalent JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = definedKeys(left);
  if (keys.length !== definedKeys(right).length) return false;
  return keys.every((key) => sameValue(left[key], right[key]));
}

/** The same rows, in any order. */
export function sameRows(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((row, i) => sameValue(row, b[i]))) return true;
  const unmatched = [...b];
  return a.every((row) => {
    const at = unmatched.findIndex((other) => sameValue(row, other));
    if (at === -1) return false;
    unmatched.splice(at, 1);
    return true;
  });
}
