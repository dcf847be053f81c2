/**
 * Reading SBOM input: text decoding that never throws, and a look at the first bytes that puts
 * them back, so `parseSbom` can tell the format without reading the input twice.
 */
import type { SbomInput } from './types.js';

/**
 * The input as text pieces. Invalid UTF-8 becomes U+FFFD rather than an exception (one bad byte
 * costs one value, not the file); a UTF-8 byte order mark is dropped.
 */
export async function* decodeText(input: SbomInput): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * The input as well-formed UTF-8 bytes (invalid sequences replaced), for the JSON tokenizer,
 * which would otherwise stop at the first bad byte.
 */
export async function* wellFormedBytes(
  input: SbomInput,
): AsyncGenerator<Uint8Array, void, undefined> {
  const encoder = new TextEncoder();
  for await (const text of decodeText(input)) yield encoder.encode(text);
}

/** The first bytes of an input, and the input again from its start. */
export interface PeekedInput {
  /** Up to the requested number of bytes from the start, as text. */
  readonly head: string;
  /** The whole input again, head included. */
  readonly input: SbomInput;
}

/** Reads chunks until `bytes` are in hand (or the input ends) and returns them with a replay. */
export async function peekInput(input: SbomInput, bytes: number): Promise<PeekedInput> {
  const iterator = input[Symbol.asyncIterator]();
  const held: (Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    held.push(next.value);
    size += next.value.length;
  }
  const decoder = new TextDecoder('utf-8');
  const head = held
    .map((chunk) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })))
    .join('');
  async function* replay(): AsyncGenerator<Uint8Array | string, void, undefined> {
    yield* held;
    if (done) return;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, input: replay() };
}
