import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicySkipper } from './policy-skip.js';

/** Runs the skipper over `text` cut into the given pieces. */
function skip(pieces: readonly string[]): { out: string; skipped: number } {
  const skipper = new PolicySkipper();
  let out = '';
  for (const piece of pieces) out += skipper.push(piece);
  out += skipper.push('', true);
  return { out, skipped: skipper.skipped };
}

const DOC =
  '<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>P</policyName>\n' +
  '<value>1;2;3</value>\n</Policy>\n<Report name="r"><ReportHost name="h"><Policy>kept</Policy></ReportHost></Report>\n' +
  '</NessusClientData_v2>\n';
const SKIPPED =
  '<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy>\n\n</Policy>\n' +
  '<Report name="r"><ReportHost name="h"><Policy>kept</Policy></ReportHost></Report>\n</NessusClientData_v2>\n';

describe('PolicySkipper', () => {
  it('drops the policy’s contents but its newlines, before the report only', () => {
    expect(skip([DOC])).toEqual({ out: SKIPPED, skipped: DOC.length - SKIPPED.length });
  });

  it('gives the same text however the input is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: DOC.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), DOC.length];
        const pieces = points.slice(1).map((end, i) => DOC.slice(points[i], end));
        expect(skip(pieces).out).toBe(SKIPPED);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a file without a policy, an empty <Policy/> and a policy after the report alone', () => {
    for (const text of [
      '<NessusClientData_v2><Report name="r"/></NessusClientData_v2>',
      '<NessusClientData_v2><Policy/><Report name="r"/></NessusClientData_v2>',
      '<NessusClientData_v2><Report name="r"/><Policy>x</Policy></NessusClientData_v2>',
    ]) {
      expect(skip([text]).out).toBe(text);
    }
  });

  it('holds at most 4 KiB of an unfinished <Policy start tag, then passes everything on', () => {
    const text = `<NessusClientData_v2><Policy a="${'x'.repeat(5000)}">y</Policy></NessusClientData_v2>`;
    const pieces = [text.slice(0, 3000), text.slice(3000, 4500), text.slice(4500)];
    expect(skip(pieces).out).toBe(text);
  });
});
