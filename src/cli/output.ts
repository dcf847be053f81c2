/** How commands speak: data to stdout (JSON with --json), problems to stderr as `code: message`. */
import { toWardlineError } from '../domain/errors.js';

export interface Output {
  data(value: unknown, text: string): void;
  line(text: string): void;
}

export function createOutput(
  json: boolean,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Output {
  return {
    data: (value, text) => {
      write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
    line: (text) => {
      if (!json) write(`${text}\n`);
    },
  };
}

export function reportFailure(thrown: unknown): number {
  const error = toWardlineError(thrown);
  process.stderr.write(`${error.code}: ${error.message}\n`);
  if (error.code === 'WL_INTERNAL' && process.env.WARDLINE_DEBUG) {
    process.stderr.write(`${String((error.cause as Error | undefined)?.stack ?? error.cause)}\n`);
  }
  return 1;
}
