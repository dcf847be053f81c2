import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_RECORD_CHARS } from './limits.js';
import { blankRecord, codes, failure, read } from './test-helpers.js';
import type { InventoryMapping } from './types.js';

const MAPPING: InventoryMapping = {
  fields: {
    name: 'name',
    ip: 'ip_address',
    mac: 'mac_address',
    serial: 'serial_number',
    vlan: 'vlan',
    holdsEphi: 'phi',
  },
};

describe('parseInventory: JSON arrays', () => {
  it('reads an array of objects: strings, numbers, booleans, arrays of IPs, with line numbers', async () => {
    const json = `[
  {"name": "Pump 1", "ip_address": ["10.0.0.1", "10.0.0.2"], "serial_number": 12345, "vlan": 120, "phi": true},
  {"name": "Pump 2", "mac_address": "00:1b:63:84:45:e6", "phi": null, "extra": {"deep": [1, 2]}}
]`;
    const report = await read(json, MAPPING, 7);
    expect(report.diagnostics).toEqual([]);
    expect(report.records).toEqual([
      {
        ...blankRecord(1, 2),
        name: 'Pump 1',
        ips: ['10.0.0.1', '10.0.0.2'],
        serial: '12345',
        vlan: 120,
        holdsEphi: true,
      },
      { ...blankRecord(2, 3), name: 'Pump 2', mac: '00:1b:63:84:45:e6' },
    ]);
    expect(report.header).toMatchObject({
      format: 'json',
      delimiter: null,
      columns: ['name', 'ip_address', 'serial_number', 'vlan', 'phi'],
    });
  });

  it('guesses the mapping from the first object, and matches keys ignoring case', async () => {
    const report = await read(
      '[{"Serial Number": "S1", "IP Address": "10.0.0.1"}, {"serial number": "S2"}]',
    );
    expect(report.header?.guessed).toBe(true);
    expect(report.records.map((r) => r.serial)).toEqual(['S1', 'S2']);
  });

  it('reads a ServiceNow wrapper: result or records, reference fields by display value', async () => {
    const json = JSON.stringify({
      result: [
        {
          name: 'CT-01',
          ip_address: '10.1.0.5',
          sys_class_name: 'CT Scanner',
          location: { display_value: 'Radiology', link: 'https://x/api/now/table/cmn_location/1' },
          owned_by: { value: 'abc123' },
        },
      ],
    });
    const report = await read(json, undefined, 5);
    expect(report.records[0]).toMatchObject({
      name: 'CT-01',
      ips: ['10.1.0.5'],
      category: 'imaging-modality',
      location: 'Radiology',
      owner: 'abc123',
    });
    const records = await read('{"records": [{"name": "A"}, {"name": "B"}]}');
    expect(records.records.map((r) => r.name)).toEqual(['A', 'B']);
  });

  it('skips elements that are not objects and keeps the rest', async () => {
    const report = await read('[{"name": "A"}, 7, "x", [1], null, {"name": "B"}]', MAPPING);
    expect(report.records.map((r) => r.name)).toEqual(['A', 'B']);
    expect(codes(report)).toEqual(Array(4).fill('WL_INVENTORY_ROW_MALFORMED'));
  });

  it('refuses objects with __proto__ or constructor keys, at any depth, and pollutes nothing', async () => {
    const json =
      '[{"name": "A", "__proto__": {"polluted": 1}}, {"name": "B", "x": {"constructor": {"prototype": {"polluted": 1}}}}, {"name": "C"}]';
    const report = await read(json, MAPPING);
    expect(report.records.map((r) => r.name)).toEqual(['C']);
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      'Line 1: the object has a refused key "__proto__"; it is skipped',
      'Line 1: the object has a refused key "constructor"; it is skipped',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps the elements before a cut and reports the truncation', async () => {
    const report = await read('[{"name": "A"},\n{"name": "B"},\n{"name": "C', MAPPING);
    expect(report.records.map((r) => r.name)).toEqual(['A', 'B']);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'WL_INVENTORY_TRUNCATED', severity: 'error' }),
    ]);
  });

  it('keeps the elements before a syntax error and reads no further', async () => {
    const report = await read(
      '[{"name": "A"},\n{"name": "B"},\n{"name": C}, {"name": "D"}]',
      MAPPING,
    );
    expect(report.records.map((r) => r.name)).toEqual(['A', 'B']);
    expect(report.diagnostics[0]).toMatchObject({ code: 'WL_INVENTORY_ROW_MALFORMED', line: 3 });
  });

  it('ignores text after the document with one warning', async () => {
    const report = await read('[{"name": "A"}]\n garbage', MAPPING);
    expect(report.records).toHaveLength(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'WL_INVENTORY_ROW_MALFORMED', severity: 'warning' }),
    ]);
  });

  it('reads an empty array as zero records', async () => {
    const report = await read('[]', MAPPING);
    expect(report.records).toEqual([]);
    expect(report.header?.columns).toEqual([]);
  });

  it('refuses a JSON object without a result or records array', async () => {
    const error = await failure('{\n  "devices": [{"name": "A"}]\n}\n');
    expect(error).toBeInstanceOf(WardlineError);
    expect(error).toMatchObject({ code: 'WL_INVENTORY_UNREADABLE' });
    expect(await failure('"just a string"', { ...MAPPING, format: 'json' })).toMatchObject({
      code: 'WL_INVENTORY_UNREADABLE',
    });
  });

  it('stops on nesting deeper than the cap and on an element larger than MAX_RECORD_CHARS', async () => {
    const deep = await read(`[{"name": "A"}, ${'['.repeat(100)}`, MAPPING);
    expect(deep.records).toHaveLength(1);
    expect(codes(deep)).toEqual(['WL_INVENTORY_LIMIT_EXCEEDED']);
    const big = await read(
      `[{"name": "A"}, {"name": "${'x'.repeat(2 * MAX_RECORD_CHARS)}"}]`,
      MAPPING,
      64 * 1024,
    );
    expect(big.records).toHaveLength(1);
    expect(codes(big)).toEqual(['WL_INVENTORY_LIMIT_EXCEEDED']);
  });
});

describe('parseInventory: NDJSON', () => {
  it('reads one object per line; a bad line costs only itself', async () => {
    const ndjson = [
      '{"name": "A", "ip_address": "10.0.0.1"}',
      '',
      '{"name": "B"',
      '[1, 2]',
      '{"name": "C", "__proto__": {"polluted": 1}}',
      '{"name": "D", "constructor": {"prototype": {}}}',
      '{"name": "E"}',
    ].join('\n');
    const report = await read(ndjson, MAPPING, 5);
    expect(report.header?.format).toBe('ndjson');
    expect(report.records.map((r) => [r.name, r.line, r.row])).toEqual([
      ['A', 1, 1],
      ['E', 7, 6],
    ]);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['WL_INVENTORY_ROW_MALFORMED', 3],
      ['WL_INVENTORY_ROW_MALFORMED', 4],
      ['WL_INVENTORY_ROW_MALFORMED', 5],
      ['WL_INVENTORY_ROW_MALFORMED', 6],
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('is told apart from a pretty-printed JSON wrapper, or chosen by the mapping', async () => {
    const pretty = await read('{\n  "result": [\n    {"name": "A"}\n  ]\n}\n', MAPPING);
    expect(pretty.header?.format).toBe('json');
    expect(pretty.records[0]?.line).toBe(3);
    const oneLine = await read('{"result": [{"name": "A"}]}\n', MAPPING);
    expect(oneLine.header?.format).toBe('json');
    const forced = await read('{"name": "A"}\n{"name": "B"}\n', { ...MAPPING, format: 'ndjson' });
    expect(forced.records).toHaveLength(2);
  });
});
