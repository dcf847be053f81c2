import type { LogReadItem } from '../../domain/detection.js';
import type { LogLine } from './lines.js';
import { LineSplitter } from './lines.js';

/** What a reader does with one line: an item, or null for a line that holds no record. */
export type LineHandler = (line: LogLine) => LogReadItem | null;

/** A reader fed chunk by chunk: the items each chunk completed. */
export interface LogSession {
  push(chunk: Uint8Array | string): LogReadItem[];
  finish(): LogReadItem[];
}

/** A line-per-record reader: splits the stream and hands each line to `handle`. */
export class LineLogSession implements LogSession {
  private readonly splitter: LineSplitter;

  constructor(
    private readonly handle: LineHandler,
    maxLineBytes?: number,
  ) {
    this.splitter = new LineSplitter(maxLineBytes);
  }

  push(chunk: Uint8Array | string): LogReadItem[] {
    return this.collect(this.splitter.push(chunk));
  }

  finish(): LogReadItem[] {
    return this.collect(this.splitter.finish());
  }

  private collect(lines: readonly LogLine[]): LogReadItem[] {
    const out: LogReadItem[] = [];
    for (const line of lines) {
      const item = this.handle(line);
      if (item !== null) out.push(item);
    }
    return out;
  }
}

/** Runs a session over a chunk stream, yielding items as the chunks complete them. */
export async function* readSession(
  input: AsyncIterable<Uint8Array | string>,
  session: LogSession,
): AsyncGenerator<LogReadItem> {
  for await (const chunk of input) yield* session.push(chunk);
  yield* session.finish();
}
