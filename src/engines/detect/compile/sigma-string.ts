/**
 * Sigma string values as tokens: literal text and the wildcards `*` (any run) and `?` (one
 * character). A backslash escapes `*`, `?` and itself; before any other character it is literal.
 */

export const ANY = 0;
export const ONE = 1;
export type Token = string | typeof ANY | typeof ONE;

/**
 * Splits a value as written into tokens, merging adjacent literal text.
 *
 * @example
 * parseSigmaString('*\\cmd.exe')  // → [ANY, '\\cmd.exe']
 * parseSigmaString('a\\*b?')      // → ['a*b', ONE]
 */
export function parseSigmaString(text: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push(literal);
    literal = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\') {
      const next = text.charAt(index + 1);
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        index += 1;
      } else {
        literal += char;
      }
    } else if (char === '*' || char === '?') {
      flush();
      tokens.push(char === '*' ? ANY : ONE);
    } else {
      literal += char;
    }
  }
  flush();
  return tokens;
}

export function hasWildcards(tokens: readonly Token[]): boolean {
  return tokens.some((token) => typeof token !== 'string');
}

/** Merges adjacent literals and runs of `*`. */
export function normalizeTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (typeof token === 'string') {
      if (token === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + token;
      else out.push(token);
    } else if (!(token === ANY && last === ANY)) {
      out.push(token);
    }
  }
  return out;
}

/** Applies a function to the literal parts only. */
export function mapLiterals(tokens: readonly Token[], map: (text: string) => string): Token[] {
  return tokens.map((token) => (typeof token === 'string' ? map(token) : token));
}
