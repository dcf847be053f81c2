import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { fieldForHeader, guessMapping } from './guess.js';
import { parseInventoryMapping, validateInventoryMapping } from './mapping.js';
import { INVENTORY_FIELDS } from './types.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WardlineError);
    expect((error as WardlineError).code).toBe('WL_INVENTORY_MAPPING_INVALID');
    return (error as WardlineError).details?.['problems'] as string[];
  }
  throw new Error('expected the mapping to be refused');
}

describe('guessMapping', () => {
  it.each([
    ['Serial No.', 'serial'],
    ['SerialNumber', 'serial'],
    ['serial_number', 'serial'],
    ['SERIAL #', 'serial'],
    ['Mfr Serial No', 'serial'],
    ['Manufacturer', 'vendor'],
    ['Make', 'vendor'],
    ['Mfg', 'vendor'],
    ['MAC Address', 'mac'],
    ['MACAddress', 'mac'],
    ['mac_address', 'mac'],
    ['IP Address', 'ip'],
    ['IPAddress', 'ip'],
    ['Primary IP Address', 'ip'],
    ['Host Name', 'hostname'],
    ['FQDN', 'hostname'],
    ['Device Type', 'category'],
    ['Equipment Class', 'category'],
    ['sys_class_name', 'category'],
    ['Asset #', 'assetTag'],
    ['Asset Tag', 'assetTag'],
    ['Control No.', 'assetTag'],
    ['Model Number', 'model'],
    ['model_id', 'model'],
    ['Location', 'location'],
    ['Room', 'location'],
    ['Department', 'department'],
    ['Dept.', 'department'],
    ['Owned By', 'owner'],
    ['OS Version', 'os'],
    ['Operating System', 'os'],
    ['Firmware Version', 'firmware'],
    ['Software Version', 'firmware'],
    ['Risk Level', 'patientSafety'],
    ['Life Support', 'patientSafety'],
    ['Contains PHI', 'holdsEphi'],
    ['ePHI', 'holdsEphi'],
    ['AE Title', 'aeTitle'],
    ['VLAN ID', 'vlan'],
    ['End of Support', 'endOfSupport'],
    ['EOL Date', 'endOfSupport'],
    ['Last Seen', 'lastSeen'],
    ['last_discovered', 'lastSeen'],
    ['Last Check-In', 'lastSeen'],
    ['Facility', 'site'],
    ['Network Zone', 'zone'],
    ['Device Name', 'name'],
  ] as const)('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['Owner Name', 'Cost Center', 'PM Due Date', 'Notes', 'Number', ''])(
    '%s is not placed',
    (header) => {
      expect(fieldForHeader(header)).toBeNull();
    },
  );

  it("each field's own name (the writer's header) maps to that field", () => {
    for (const field of INVENTORY_FIELDS) expect(fieldForHeader(field)).toBe(field);
  });

  it('proposes a mapping, reports columns it cannot place, and gives a field to its first column only', () => {
    const guess = guessMapping([
      'Asset #',
      'Serial No.',
      'Make',
      'MAC Address',
      'Cost Center',
      'IP Address',
      'IPv4',
    ]);
    expect(guess.mapping.fields).toEqual({
      assetTag: 'Asset #',
      serial: 'Serial No.',
      vendor: 'Make',
      mac: 'MAC Address',
      ip: 'IP Address',
    });
    expect(guess.placed).toContainEqual({ column: 'Serial No.', field: 'serial' });
    expect(guess.unplaced).toEqual(['Cost Center', 'IPv4']);
  });

  it('a guessed mapping passes validation', () => {
    const guess = guessMapping(['Name', 'Host', 'IP', 'MAC', 'Serial', 'Tag', 'Type', 'Site']);
    expect(validateInventoryMapping(guess.mapping)).toEqual(guess.mapping);
  });
});

describe('validateInventoryMapping', () => {
  it('accepts fields and options, trims columns and resolves aliases', () => {
    const mapping = validateInventoryMapping({
      fields: { serial: ' Serial Number ', vendor: 'Manufacturer' },
      delimiter: 'tab',
      encoding: 'CP1252',
      format: 'CSV',
      dateOrder: 'dmy',
      patientSafetyHighest: 1,
      categories: { LVP: 'infusion-pump' },
    });
    expect(mapping).toEqual({
      fields: { serial: 'Serial Number', vendor: 'Manufacturer' },
      delimiter: '\t',
      encoding: 'windows-1252',
      format: 'csv',
      dateOrder: 'dmy',
      patientSafetyHighest: 1,
      categories: { LVP: 'infusion-pump' },
    });
  });

  it('reports every problem at once: unknown fields, duplicate columns, bad options', () => {
    const found = problems(() =>
      validateInventoryMapping({
        fields: { serialNo: 'Serial', serial: 'SN', assetTag: 'sn', vendor: 7 },
        delimiter: ':',
        encoding: 'ebcdic',
        dateOrder: 'ymd',
        patientSafetyHighest: 3,
        categories: { Pump: 'pump' },
        colour: 'blue',
      }),
    );
    expect(found).toEqual([
      'colour is not a mapping option (fields, format, delimiter, encoding, dateOrder, patientSafetyHighest, categories)',
      expect.stringContaining('fields.serialNo is not a Wardline field'),
      'fields.assetTag and fields.serial both name the column "sn"',
      'fields.vendor must be a column name',
      expect.stringContaining('delimiter must be one of'),
      expect.stringContaining('encoding must be one of'),
      expect.stringContaining('dateOrder must be one of'),
      expect.stringContaining('categories.Pump must be one of'),
      'patientSafetyHighest must be 4 (4 is high) or 1 (1 is high)',
    ]);
  });

  it('refuses a mapping that is not a map, maps nothing, or carries prototype keys', () => {
    expect(problems(() => validateInventoryMapping(['serial']))).toEqual([
      'it must be a map with a fields entry',
    ]);
    expect(problems(() => validateInventoryMapping({ fields: {} }))).toEqual([
      'fields maps no field',
    ]);
    expect(problems(() => validateInventoryMapping({}))).toEqual([
      'fields must be a map from Wardline field to column name',
    ]);
    const poisoned = JSON.parse('{"fields":{"serial":"S","__proto__":{"x":1}}}') as unknown;
    expect(problems(() => validateInventoryMapping(poisoned))).toEqual([
      'refused keys: fields.__proto__',
    ]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('parseInventoryMapping', () => {
  it('reads YAML', () => {
    const yaml = [
      '# Nuvolo export of the clinical engineering list',
      'delimiter: ";"',
      'encoding: windows-1252',
      'fields:',
      '  assetTag: Inventar-Nr.',
      '  serial: Seriennummer',
      '  category: Gerätetyp',
      'categories:',
      '  Infusomat: infusion-pump',
    ].join('\n');
    expect(parseInventoryMapping(yaml, 'map.yaml')).toEqual({
      fields: { assetTag: 'Inventar-Nr.', serial: 'Seriennummer', category: 'Gerätetyp' },
      delimiter: ';',
      encoding: 'windows-1252',
      categories: { Infusomat: 'infusion-pump' },
    });
  });

  it('reads JSON, with a BOM', () => {
    const json = '\uFEFF{"fields": {"mac": "MAC Address", "ip": "IP Address"}, "format": "ndjson"}';
    expect(parseInventoryMapping(json, 'map.json')).toEqual({
      fields: { mac: 'MAC Address', ip: 'IP Address' },
      format: 'ndjson',
    });
  });

  it('reports syntax errors and duplicate keys with their line', () => {
    expect(problems(() => parseInventoryMapping('fields: [', 'a.yaml'))[0]).toMatch(/line 1/);
    const duplicate = 'fields:\n  serial: A\n  serial: B\n';
    expect(problems(() => parseInventoryMapping(duplicate, 'b.yaml'))[0]).toMatch(
      /Map keys must be unique at line 3/,
    );
  });

  it('refuses an alias bomb and an over-long file', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`;
      }),
      'fields: { serial: S }',
    ].join('\n');
    expect(problems(() => parseInventoryMapping(bomb, 'bomb.yaml'))[0]).toMatch(/alias/i);
    expect(problems(() => parseInventoryMapping(`# ${'x'.repeat(70_000)}`, 'long.yaml'))).toEqual([
      'the file is longer than 65536 characters',
    ]);
  });

  it('the message names the file and every problem', () => {
    try {
      parseInventoryMapping('fields:\n  serialNo: S\n', 'cmms.yaml');
    } catch (error) {
      expect((error as WardlineError).message).toMatch(
        /^The inventory mapping cmms\.yaml is invalid: fields\.serialNo is not a Wardline field/,
      );
      return;
    }
    expect.unreachable();
  });
});
