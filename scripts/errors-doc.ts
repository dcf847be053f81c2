/**
 * Writes docs/errors.md from the error catalog (`npm run docs:errors`). A test fails when the
 * committed page and the catalog disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOG } from '../src/domain/errors.js';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CATALOG).map(
    ([code, { status, description }]) => `| \`${code}\` | ${status} | ${description} |`,
  );
  return [
    '# Wardline error codes',
    '',
    'Every failure carries one of these stable codes. The API answers',
    '`{ "error": { "code", "message" } }` with the status below; the CLI prints `code: message` on',
    'standard error and exits non-zero. This page is generated from `src/domain/errors.ts` by',
    '`npm run docs:errors`; a test keeps the two in sync.',
    '',
    '| Code | HTTP status | Meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
}
