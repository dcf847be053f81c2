/**
 * `wardline ingest` as an operator runs it on a real data folder: a scan and a CMMS export become
 * one inventory, the same file twice changes nothing, and bad input exits non-zero with its code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/domain/import.js';
import { run } from '../support/cli-run.js';
import { nmapReport } from '../support/nmap-files.js';

let dataDir: string;
const savedKey = process.env['WARDLINE_MASTER_KEY'];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wardline-ingest-'));
  delete process.env['WARDLINE_MASTER_KEY'];
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env['WARDLINE_MASTER_KEY'];
  else process.env['WARDLINE_MASTER_KEY'] = savedKey;
});

function file(name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

describe('wardline ingest', () => {
  it('imports a scan and a CMMS export into one device, and a repeat changes nothing', async () => {
    const scan = file(
      'night.xml',
      nmapReport('2026-11-19T02:00:00.000Z', [
        { ip: '10.40.2.9', mac: '00:09:FB:11:22:33', ports: [{ port: 104, name: 'dicom' }] },
      ]),
    );
    const first = await run('--data', dataDir, 'ingest', 'nmap', scan, '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as ImportSummary;
    expect(summary).toMatchObject({ status: 'imported', counts: { created: 1 } });

    const mapping = file(
      'mapping.yaml',
      'fields:\n  serial: SN\n  mac: NIC\n  category: Type\n  name: Label\n',
    );
    const cmms = file(
      'cmms.csv',
      'Label,Type,SN,NIC\nCT Scanner 2,CT Scanner,CT-2231,00-09-FB-11-22-33\n',
    );
    const second = await run('--data', dataDir, 'ingest', 'inventory', cmms, '--mapping', mapping);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/1 device\(s\) read, 0 new asset\(s\), 1 updated/);

    const again = await run('--data', dataDir, 'ingest', 'nmap', scan, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'duplicate',
      duplicateOf: summary.id,
    });
  });

  it('exits non-zero with the format code when the file is not what it claims', async () => {
    const bogus = file('bogus.nessus', 'not xml at all');
    const result = await run('--data', dataDir, 'ingest', 'nessus', bogus);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^WL_NESSUS_UNREADABLE: /);
  });

  it('refuses an unknown kind and a mapping that names no Wardline field', async () => {
    const unknown = await run('--data', dataDir, 'ingest', 'spreadsheet', 'x.csv');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/^WL_CLI_USAGE: /);
    const mapping = file('bad.yaml', 'fields:\n  shoeSize: Size\n');
    const cmms = file('c.csv', 'Size\n42\n');
    const bad = await run('--data', dataDir, 'ingest', 'inventory', cmms, '--mapping', mapping);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^WL_INVENTORY_MAPPING_INVALID: /);
  });
});
