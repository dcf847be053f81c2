/**
 * Hostile inputs, one regression test per threat: external and internal entities (XXE canary on a
 * file outside the repository), a 100 MB attribute and a 100 MB text run made as a stream, deep
 * nesting, and a file cut at every point.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_ELEMENT_DEPTH, MAX_TOKEN_CHARS } from './limits.js';
import { collectOpenvasXml } from './parse.js';
import { hostBlock, hugeStream, inPieces, report, result } from './test-helpers.js';

const source = 'hostile.xml';
const canaryDir = mkdtempSync(join(tmpdir(), 'wardline-openvas-xxe-'));
const CANARY = `WARDLINE-CANARY-${Math.random().toString(36).slice(2)}`;
const canaryFile = join(canaryDir, 'secret.txt');
writeFileSync(canaryFile, `${CANARY}\n`);
afterAll(() => {
  rmSync(canaryDir, { recursive: true, force: true });
});

async function parse(text: string) {
  return collectOpenvasXml(inPieces(text), { source });
}

describe('parseOpenvasXml: untrusted input', () => {
  it('never reads an external entity (XXE canary in a file outside the repository)', async () => {
    const url = pathToFileURL(canaryFile).href;
    const text =
      `<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY xxe SYSTEM "${url}"><!ENTITY % p SYSTEM "${url}"> %p;]>\n` +
      `<report id="&xxe;"><report><task><name>&xxe;</name></task><results>` +
      result('10.0.0.7').replace('Leaked 64 kB.', '&xxe;') +
      result('10.0.0.8') +
      `</results>${hostBlock('10.0.0.8').replace('Ubuntu 20.04', 'Ubuntu')}</report></report>`;
    const parsed = await parse(text);
    expect(JSON.stringify(parsed)).not.toContain(CANARY);
    const codes = parsed.diagnostics.map((d) => d.code);
    expect(codes).toContain('WL_OPENVAS_DTD_IGNORED');
    expect(codes).toContain('WL_OPENVAS_XML_MALFORMED');
    expect(parsed.hosts.map((h) => h.ip)).toEqual(['10.0.0.8']);
  });

  it('does not expand internal entities either (billion laughs ends fast and small)', async () => {
    const levels = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join('');
    const text =
      `<!DOCTYPE report [${levels}]><report><report><task><name>&l9;</name></task>` +
      `<results>${result()}</results></report></report>`;
    const started = performance.now();
    const { scan, hosts } = await parse(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(scan.taskName ?? '').not.toContain('lol');
    expect(hosts).toHaveLength(1);
  });

  it('stops at a 100 MB attribute read as a stream, keeping the hosts before it', async () => {
    const head = report(result('10.0.0.1'), '', '').replace('</results>\n', '') + '<result id="';
    const stream = hugeStream(head, 'A', 100, '"/></results></report></report>');
    const { hosts, diagnostics } = await collectOpenvasXml(stream.input, { source });
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.0.1']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_LIMIT_EXCEEDED']);
    expect(diagnostics[0]?.message).toContain(String(MAX_TOKEN_CHARS));
    expect(stream.pulled()).toBeLessThan(100);
  });

  it('stops at a 100 MB description read as a stream, keeping the hosts before it', async () => {
    const head =
      report(result('10.0.0.1'), '', '').replace('</results>\n', '') +
      result('10.0.0.2').slice(0, result('10.0.0.2').indexOf('Leaked'));
    const stream = hugeStream(
      head,
      'x ',
      100,
      '</description></result></results></report></report>',
    );
    const { hosts, diagnostics } = await collectOpenvasXml(stream.input, { source });
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.0.1']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_LIMIT_EXCEEDED']);
    expect(stream.pulled()).toBeLessThan(100);
  });

  it(`stops past ${MAX_ELEMENT_DEPTH} nested elements, even 100 000 deep, keeping earlier hosts`, async () => {
    const deep = '<x>'.repeat(100_000);
    const { hosts, diagnostics } = await parse(report(result() + deep, '', ''));
    expect(hosts).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_LIMIT_EXCEEDED']);
    expect(diagnostics[0]?.message).toContain('nest');
  });

  it('a file cut at any point yields a WardlineError or diagnostics, and only complete results', async () => {
    const text = report(result('10.0.0.1') + result('10.0.0.2'), hostBlock('10.0.0.1'));
    for (let at = 0; at < text.lastIndexOf('</report>'); at += 7) {
      const outcome = await parse(text.slice(0, at)).catch((error: unknown) => error);
      if (outcome instanceof WardlineError) {
        expect(outcome.code).toBe('WL_OPENVAS_UNREADABLE');
        continue;
      }
      expect(outcome).not.toBeInstanceOf(Error);
      const { hosts, diagnostics } = outcome as Awaited<ReturnType<typeof parse>>;
      expect(diagnostics.map((d) => d.code)).toContain('WL_OPENVAS_TRUNCATED');
      for (const host of hosts)
        expect(host.findings.every((f) => f.description !== null)).toBe(true);
    }
  });
});
