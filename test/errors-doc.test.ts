import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc } from '../scripts/errors-doc.js';

describe('docs/errors.md', () => {
  it('lists exactly the codes of the error catalog (run `npm run docs:errors` to refresh)', () => {
    const committed = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderErrorsDoc());
  });
});
