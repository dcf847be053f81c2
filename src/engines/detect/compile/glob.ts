/**
 * Wildcard patterns (`*`, `?`) as string tests without regular expressions: plain equality,
 * prefix, suffix and substring where the pattern allows, else a left-to-right segment scan
 * (linear in practice; each `*` segment is placed at its leftmost match, which is optimal).
 */
import { ANY, normalizeTokens, ONE, type Token } from './sigma-string.js';

export type StringTest = (value: string) => boolean;

/** A run of literal characters and `?` between two `*`. */
interface Segment {
  readonly text: string;
  /** Positions holding `?` (any one character); empty when the segment is plain text. */
  readonly wild: readonly boolean[] | null;
}

function segments(tokens: readonly Token[]): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let wild: boolean[] = [];
  let hasWild = false;
  const flush = (): void => {
    out.push({ text, wild: hasWild ? wild : null });
    text = '';
    wild = [];
    hasWild = false;
  };
  for (const token of tokens) {
    if (token === ANY) {
      flush();
    } else if (token === ONE) {
      text += '?';
      wild.push(true);
      hasWild = true;
    } else {
      text += token;
      for (let index = 0; index < token.length; index += 1) wild.push(false);
    }
  }
  flush();
  return out;
}

function matchesAt(value: string, at: number, segment: Segment): boolean {
  if (at + segment.text.length > value.length) return false;
  const wild = segment.wild;
  if (wild === null) return value.startsWith(segment.text, at);
  for (let index = 0; index < segment.text.length; index += 1) {
    if (!wild[index] && value.charCodeAt(at + index) !== segment.text.charCodeAt(index)) {
      return false;
    }
  }
  return true;
}

function find(value: string, from: number, segment: Segment): number {
  if (segment.wild === null) return value.indexOf(segment.text, from);
  for (let at = from; at + segment.text.length <= value.length; at += 1) {
    if (matchesAt(value, at, segment)) return at;
  }
  return -1;
}

function generalTest(parts: readonly Segment[]): StringTest {
  const first = parts[0] ?? { text: '', wild: null };
  const last = parts[parts.length - 1] ?? first;
  const middle = parts.slice(1, -1);
  if (parts.length === 1) {
    return (value) => value.length === first.text.length && matchesAt(value, 0, first);
  }
  const minimum = parts.reduce((sum, part) => sum + part.text.length, 0);
  return (value) => {
    if (value.length < minimum || !matchesAt(value, 0, first)) return false;
    let at = first.text.length;
    for (const part of middle) {
      const found = find(value, at, part);
      if (found < 0) return false;
      at = found + part.text.length;
    }
    const tailStart = value.length - last.text.length;
    return tailStart >= at && matchesAt(value, tailStart, last);
  };
}

/**
 * A test for a token pattern anchored at both ends (add `ANY` around it for `contains`).
 *
 * @example
 * globTest([ANY, '\\cmd.exe'])('c:\\windows\\cmd.exe') // → true
 * globTest(['a', ONE, 'c'])('abc')                     // → true
 */
export function globTest(raw: readonly Token[]): StringTest {
  const tokens = normalizeTokens(raw);
  const [head, second, third] = tokens;
  if (tokens.length === 0) return (value) => value === '';
  if (tokens.length === 1) {
    if (head === ANY) return () => true;
    if (typeof head === 'string') return (value) => value === head;
  }
  if (tokens.length === 2) {
    if (head === ANY && typeof second === 'string') return (value) => value.endsWith(second);
    if (second === ANY && typeof head === 'string') return (value) => value.startsWith(head);
  }
  if (tokens.length === 3 && head === ANY && third === ANY && typeof second === 'string') {
    return (value) => value.includes(second);
  }
  return generalTest(segments(tokens));
}
