/**
 * A 10 000-host file, generated as a stream: every host comes out, and the parse ends well within a
 * hang guard. The measured figure is in docs, not asserted: CI must not fail on a busy machine.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseNessusXml } from './parse.js';
import { nessusFile, reportHost } from './test-helpers.js';

const HOSTS = 10_000;
const ipOf = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function* file(): Generator<string> {
  const [head = '', tail = ''] = nessusFile('@HOSTS@').split('@HOSTS@');
  yield head;
  for (let i = 0; i < HOSTS; i += 1) yield reportHost(ipOf(i));
  yield tail;
}

describe('parseNessusXml at scale', () => {
  it(`reads ${HOSTS} hosts with their tags and two items each`, async () => {
    let hosts = 0;
    let findings = 0;
    let diagnostics = 0;
    const started = performance.now();
    for await (const item of parseNessusXml(Readable.from(file(), { objectMode: true }), {
      source: 'scale.nessus',
    })) {
      if (item.kind === 'host') {
        hosts += 1;
        findings += item.host.findings.length;
      } else if (item.kind === 'diagnostic') diagnostics += 1;
    }
    expect({ hosts, findings, diagnostics }).toEqual({
      hosts: HOSTS,
      findings: 2 * HOSTS,
      diagnostics: 0,
    });
    // A hang guard; the measured figures are in README.md.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
