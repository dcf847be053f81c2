/**
 * Input handling shared by the vulnerability feed parsers (CVE, NVD, KEV, EPSS): a feed arrives
 * as a string or as a stream of chunks, and is read as well-formed UTF-8 without ever throwing on
 * a bad byte.
 */

/** A feed file or response body: the whole text, or its chunks as they arrive. */
export type FeedInput = AsyncIterable<Uint8Array | string> | string;

/** What every feed parser is told about its input. */
export interface FeedParseOptions {
  /** The name diagnostics carry (a file name, a URL, an upload id). */
  readonly source: string;
}

/** The input as raw chunks (a string becomes one chunk). */
export async function* feedChunks(
  input: FeedInput,
): AsyncGenerator<Uint8Array | string, void, undefined> {
  if (typeof input === 'string') {
    yield input;
    return;
  }
  for await (const chunk of input) yield chunk;
}

/**
 * The input as well-formed UTF-8 bytes: invalid sequences become U+FFFD rather than an exception
 * (one bad byte costs one value, not the file); a leading byte order mark is dropped.
 */
export async function* wellFormedFeedBytes(
  input: FeedInput,
): AsyncGenerator<Uint8Array, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const encoder = new TextEncoder();
  for await (const chunk of feedChunks(input)) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield encoder.encode(text);
  }
  const rest = decoder.decode();
  if (rest !== '') yield encoder.encode(rest);
}

/** The first `count` bytes of a chunk list, as text (for format sniffing). */
export function headText(firstBytes: Uint8Array | string, count: number): string {
  if (typeof firstBytes === 'string') return firstBytes.slice(0, count);
  return new TextDecoder('utf-8').decode(firstBytes.subarray(0, count));
}
