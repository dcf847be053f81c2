/**
 * Hostile inputs, one regression test per threat: external and internal entities (XXE canary on a
 * file outside the repository), a 100 MB attribute, a 100 MB plugin output and a 100 MB policy made
 * as streams, deep nesting, and a file cut at every point.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_ELEMENT_DEPTH, MAX_TOKEN_CHARS } from './limits.js';
import { collectNessusXml } from './parse.js';
import { hugeStream, inPieces, item, nessusFile, reportHost } from './test-helpers.js';

const source = 'hostile.nessus';
const canaryDir = mkdtempSync(join(tmpdir(), 'wardline-nessus-xxe-'));
const CANARY = `WARDLINE-CANARY-${Math.random().toString(36).slice(2)}`;
const canaryFile = join(canaryDir, 'secret.txt');
writeFileSync(canaryFile, `${CANARY}\n`);
afterAll(() => {
  rmSync(canaryDir, { recursive: true, force: true });
});

async function parse(text: string) {
  return collectNessusXml(inPieces(text), { source });
}

describe('parseNessusXml: untrusted input', () => {
  it('never reads an external entity (XXE canary in a file outside the repository)', async () => {
    const url = pathToFileURL(canaryFile).href;
    const text =
      `<?xml version="1.0"?>\n<!DOCTYPE NessusClientData_v2 [<!ENTITY xxe SYSTEM "${url}"><!ENTITY % p SYSTEM "${url}"> %p;]>\n` +
      `<NessusClientData_v2><Report name="&xxe;">` +
      reportHost('10.0.0.7').replace('Upgrade Orthanc', '&xxe;') +
      reportHost('10.0.0.8').replace('<tag name="os">windows', '<tag name="os">&xxe;') +
      reportHost('10.0.0.9') +
      '</Report></NessusClientData_v2>';
    const parsed = await parse(text);
    expect(JSON.stringify(parsed)).not.toContain(CANARY);
    const codes = parsed.diagnostics.map((d) => d.code);
    expect(codes).toContain('WL_NESSUS_DTD_IGNORED');
    expect(codes).toContain('WL_NESSUS_XML_MALFORMED');
    // The entity in an item costs the item; the one in a host tag costs the host.
    expect(parsed.hosts.map((h) => [h.name, h.findings.length])).toEqual([
      ['10.0.0.7', 1],
      ['10.0.0.9', 2],
    ]);
  });

  it('does not expand internal entities either (billion laughs ends fast and small)', async () => {
    const levels = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join('');
    const text = `<!DOCTYPE NessusClientData_v2 [${levels}]>${nessusFile(reportHost()).replace(
      '<?xml version="1.0" ?>',
      '',
    )}`.replace('Weekly clinical scan', '&l9;');
    const started = performance.now();
    const { scan, hosts } = await parse(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(scan.reportName ?? '').not.toContain('lol');
    expect(hosts).toHaveLength(1);
  });

  it('stops at a 100 MB attribute read as a stream, keeping the hosts before it', async () => {
    const head = nessusFile(reportHost('10.0.0.1'), '') + '<ReportHost name="';
    const stream = hugeStream(head, 'A', 100, '"></ReportHost></Report></NessusClientData_v2>');
    const { hosts, diagnostics } = await collectNessusXml(stream.input, { source });
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.1']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_LIMIT_EXCEEDED']);
    expect(diagnostics[0]?.message).toContain(String(MAX_TOKEN_CHARS));
    expect(stream.pulled()).toBeLessThan(100);
  });

  it('stops at a 100 MB plugin output read as a stream, keeping the hosts before it', async () => {
    const open = reportHost('10.0.0.2', '').replace(/<\/ReportHost>\n$/, '');
    const head =
      nessusFile(reportHost('10.0.0.1') + open, '') +
      item().slice(0, item().indexOf('<plugin_output>') + '<plugin_output>'.length);
    const stream = hugeStream(
      head,
      'x ',
      100,
      '</plugin_output></ReportItem></ReportHost></Report></NessusClientData_v2>',
    );
    const { hosts, diagnostics } = await collectNessusXml(stream.input, { source });
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.1']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_LIMIT_EXCEEDED']);
    expect(stream.pulled()).toBeLessThan(100);
  });

  it('skips a 100 MB policy read as a stream without parsing or holding it', async () => {
    const head = '<?xml version="1.0" ?>\n<NessusClientData_v2><Policy><value>';
    const tail = `</value></Policy><Report name="r">${reportHost('10.0.0.1')}</Report></NessusClientData_v2>`;
    const stream = hugeStream(head, '12345;', 100, tail);
    const started = performance.now();
    const { hosts, diagnostics } = await collectNessusXml(stream.input, { source });
    expect(diagnostics).toEqual([]);
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.1']);
    expect(stream.pulled()).toBe(100);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it(`stops past ${MAX_ELEMENT_DEPTH} nested elements, even 100 000 deep, keeping earlier hosts`, async () => {
    const { hosts, diagnostics } = await parse(
      nessusFile(reportHost() + '<x>'.repeat(100_000), ''),
    );
    expect(hosts).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_LIMIT_EXCEEDED']);
    expect(diagnostics[0]?.message).toContain('nest');
  });

  it('a file cut at any point yields a WardlineError or diagnostics, and only complete hosts', async () => {
    const text = nessusFile(reportHost('10.0.0.1') + reportHost('10.0.0.2'));
    const complete = reportHost('10.0.0.1');
    for (let at = 0; at < text.lastIndexOf('</NessusClientData_v2>'); at += 11) {
      const outcome = await parse(text.slice(0, at)).catch((error: unknown) => error);
      if (outcome instanceof WardlineError) {
        expect(outcome.code).toBe('WL_NESSUS_UNREADABLE');
        continue;
      }
      const { hosts, diagnostics } = outcome as Awaited<ReturnType<typeof parse>>;
      expect(diagnostics.map((d) => d.code)).toContain('WL_NESSUS_TRUNCATED');
      for (const host of hosts) expect(host.findings).toHaveLength(2);
      if (at > text.indexOf(complete) + complete.length) expect(hosts.length).toBeGreaterThan(0);
    }
  });
});
