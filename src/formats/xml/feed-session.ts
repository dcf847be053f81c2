/**
 * The streaming loop every saxes-based report parser shares (Nmap, Greenbone, Nessus): decode the
 * input chunks as UTF-8, feed the parser session in bounded slices so one huge chunk never becomes
 * one huge synchronous write, yield whatever each slice completed, and turn a failing stream into
 * the format's own `…_UNREADABLE` error.
 */
import { WardlineError, type ErrorCode } from '../../domain/errors.js';

/** What a format's session offers the loop. */
export interface XmlFeedSession<Item> {
  /** True once the session refuses more input (a limit or a fatal error was reached). */
  readonly stopped: boolean;
  write(text: string): void;
  end(): void;
  /** Items completed since the last drain. */
  drain(): Iterable<Item>;
}

export interface XmlFeedOptions {
  /** Names the input in the error's details. */
  readonly source: string;
  /** Largest piece of text handed to the session at once. */
  readonly sliceChars: number;
  /** The format's error for a stream that fails, with its message. */
  readonly unreadable: { readonly code: ErrorCode; readonly message: string };
}

export async function* feedXmlSession<Item>(
  input: AsyncIterable<Uint8Array | string>,
  session: XmlFeedSession<Item>,
  options: XmlFeedOptions,
): AsyncGenerator<Item, void, undefined> {
  // Invalid UTF-8 becomes U+FFFD rather than an exception: one bad byte costs one value, not the file.
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      for (let at = 0; at < text.length && !session.stopped; at += options.sliceChars) {
        session.write(text.slice(at, at + options.sliceChars));
        yield* session.drain();
      }
      if (session.stopped) break;
    }
    if (!session.stopped) session.write(decoder.decode());
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError(options.unreadable.code, options.unreadable.message, {
      details: { source: options.source },
      cause: thrown,
    });
  }
  session.end();
  yield* session.drain();
}
