/**
 * Lines out of a byte stream, holding at most one line: LF or CRLF ends a line; a line longer
 * than the cap is reported (its first bytes kept for the dead letter) and skipped to the next LF.
 */

export interface TextLine {
  readonly text: string;
  /** Byte offset of the line in the stream. */
  readonly offset: number;
  /** One-based line number. */
  readonly line: number;
  /** The line ran past the cap: `text` holds only its start. */
  readonly tooLong: boolean;
}

const LF = 10;
const KEEP_OF_LONG_LINE = 4096;

export async function* splitLines(
  bytes: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8');
  let parts: Uint8Array[] = [];
  let held = 0;
  let skipping = false;
  let head: Uint8Array | null = null;
  let offset = 0;
  let lineStart = 0;
  let line = 1;
  const take = (tail: Uint8Array): TextLine => {
    const whole = concat([...parts, tail]);
    const cut = whole.length > 0 && whole[whole.length - 1] === 13 ? whole.subarray(0, -1) : whole;
    const text = decoder.decode(cut);
    parts = [];
    held = 0;
    return { text, offset: lineStart, line, tooLong: false };
  };
  for await (const chunk of bytes) {
    let from = 0;
    while (from < chunk.length) {
      const lf = chunk.indexOf(LF, from);
      const end = lf < 0 ? chunk.length : lf;
      const piece = chunk.subarray(from, end);
      if (!skipping && held + piece.length > maxLineBytes) {
        head = concat([...parts, piece]).subarray(0, KEEP_OF_LONG_LINE);
        parts = [];
        held = 0;
        skipping = true;
      } else if (!skipping) {
        if (lf < 0) {
          parts.push(piece.slice());
          held += piece.length;
        }
      }
      if (lf < 0) break;
      if (skipping) {
        yield {
          text: decoder.decode(head ?? new Uint8Array()),
          offset: lineStart,
          line,
          tooLong: true,
        };
        skipping = false;
        head = null;
      } else {
        yield take(piece);
      }
      line += 1;
      lineStart = offset + lf + 1;
      from = lf + 1;
    }
    offset += chunk.length;
  }
  if (skipping) {
    yield {
      text: decoder.decode(head ?? new Uint8Array()),
      offset: lineStart,
      line,
      tooLong: true,
    };
  } else if (held > 0) {
    yield take(new Uint8Array());
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
