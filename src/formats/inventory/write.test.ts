import { describe, expect, it } from 'vitest';
import type { ObservationSource } from '../../domain/observation.js';
import { toDeviceObservation } from './observation.js';
import { blankRecord, read } from './test-helpers.js';
import type { InventoryRecord } from './types.js';
import { formatInventoryCsv, INVENTORY_CSV_MAPPING } from './write.js';

const PUMP: InventoryRecord = {
  ...blankRecord(1, 2),
  name: 'Pump 12',
  hostname: 'pump-012.hospital.example',
  ips: ['10.20.0.12', 'fe80::1'],
  mac: '00:1b:63:84:45:e6',
  serial: 'SN-0012',
  assetTag: 'A-1012',
  vendor: 'Baxter',
  model: 'Sigma Spectrum',
  os: 'VxWorks 6.9',
  firmware: '8.01.01',
  category: 'infusion-pump',
  patientSafety: 'high',
  holdsEphi: true,
  location: 'Ward 3, Room 12',
  department: 'Nursing',
  owner: 'Clinical Engineering',
  zone: 'Clinical devices',
  site: 'MAIN',
  aeTitles: ['PUMP12'],
  vlan: 120,
  endOfSupport: '2027-12-31',
  lastSeen: '2026-01-04T08:15:00.000Z',
};

const SOURCE: ObservationSource = { kind: 'inventory', name: 'cmms.csv', importId: 'imp_1' };

describe('formatInventoryCsv', () => {
  it('writes a header and one line per record, quoting where CSV needs it', () => {
    const csv = formatInventoryCsv([PUMP], {
      fields: ['name', 'ip', 'location', 'category', 'holdsEphi', 'vlan'],
    });
    expect(csv).toBe(
      'name,ip,location,category,holdsEphi,vlan\r\n' +
        'Pump 12,"10.20.0.12, fe80::1","Ward 3, Room 12",Infusion Pump,yes,120\r\n',
    );
  });

  it('takes headers, delimiter and line ending as options', () => {
    const csv = formatInventoryCsv([PUMP], {
      fields: ['serial', 'vendor'],
      headers: { serial: 'Serial Number', vendor: 'Manufacturer' },
      delimiter: ';',
      lineEnding: '\n',
    });
    expect(csv).toBe('Serial Number;Manufacturer\nSN-0012;Baxter\n');
  });

  it('escapes cells a spreadsheet would run as formulas, unless told not to', () => {
    const hostile: InventoryRecord = {
      ...blankRecord(1, 2),
      name: '=HYPERLINK("http://evil","x")',
      serial: '+1',
      model: '-2',
      vendor: '@SUM(A1)',
    };
    const fields = ['name', 'serial', 'model', 'vendor'] as const;
    expect(formatInventoryCsv([hostile], { fields }).split('\r\n')[1]).toBe(
      `"'=HYPERLINK(""http://evil"",""x"")","'+1","'-2","'@SUM(A1)"`,
    );
    expect(formatInventoryCsv([hostile], { fields, escapeFormulas: false }).split('\r\n')[1]).toBe(
      '"=HYPERLINK(""http://evil"",""x"")",+1,-2,@SUM(A1)',
    );
  });

  it('reads back to the same record through INVENTORY_CSV_MAPPING and through a guessed mapping', async () => {
    const csv = formatInventoryCsv([PUMP, { ...PUMP, row: 2, line: 3, serial: 'SN-2', ips: [] }]);
    const given = await read(csv, INVENTORY_CSV_MAPPING);
    expect(given.diagnostics).toEqual([]);
    expect(given.records).toEqual([PUMP, { ...PUMP, row: 2, line: 3, serial: 'SN-2', ips: [] }]);
    const guessed = await read(csv);
    expect(guessed.records).toEqual(given.records);
  });
});

describe('toDeviceObservation', () => {
  it('puts identifiers, product facts and declared facts where the inventory engine reads them', () => {
    const observation = toDeviceObservation(PUMP, SOURCE, '2026-02-01T00:00:00.000Z');
    expect(observation).toEqual({
      source: SOURCE,
      observedAt: '2026-01-04T08:15:00.000Z',
      identifiers: {
        mac: '00:1b:63:84:45:e6',
        ips: ['10.20.0.12', 'fe80::1'],
        hostnames: [{ name: 'pump-012.hospital.example', origin: 'inventory' }],
        serial: 'SN-0012',
        aeTitles: ['PUMP12'],
        assetTag: 'A-1012',
      },
      vendor: 'Baxter',
      model: 'Sigma Spectrum',
      os: 'VxWorks 6.9',
      firmware: '8.01.01',
      vlan: 120,
      services: [],
      software: [
        {
          kind: 'device',
          name: 'Sigma Spectrum',
          version: null,
          supplier: 'Baxter',
          purl: null,
          cpe: null,
          hashes: {},
          endOfSupport: '2027-12-31',
        },
      ],
      scanFindings: [],
      protocols: {},
      declared: {
        name: 'Pump 12',
        category: 'infusion-pump',
        patientSafety: 'high',
        holdsEphi: true,
        location: 'Ward 3, Room 12',
        owner: 'Clinical Engineering',
        zoneName: 'Clinical devices',
        siteCode: 'MAIN',
      },
    });
  });

  it('observes at the export time when the row has no earlier lastSeen; department stands in for owner', () => {
    const bare = {
      ...blankRecord(1, 2),
      serial: 'S1',
      department: 'Radiology',
      lastSeen: '2030-01-01T00:00:00.000Z',
    };
    const observation = toDeviceObservation(bare, SOURCE, '2026-02-01T00:00:00.000Z');
    expect(observation.observedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(observation.declared.owner).toBe('Radiology');
    expect(observation.software).toEqual([]);
    expect(observation.identifiers.hostnames).toEqual([]);
  });
});
