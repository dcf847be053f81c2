import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { decodeWindows1252 } from './decode.js';
import {
  MAX_COLUMNS,
  MAX_DIAGNOSTICS,
  MAX_FIELD_CHARS,
  MAX_LINE_CHARS,
  MAX_RECORD_LINES,
} from './limits.js';
import { collectInventory, readInventoryHeader } from './parse.js';
import { blankRecord, codes, failure, inPieces, read } from './test-helpers.js';
import type { InventoryMapping } from './types.js';

const HEADER =
  'Name,Host Name,IP Address,MAC Address,Serial Number,Asset Tag,Manufacturer,Model,OS,Firmware,' +
  'Device Type,Risk Level,Contains PHI,Location,Department,Owner,Zone,Site,AE Title,VLAN,End of Support,Last Seen';
const ROW =
  'Pump 12,PUMP-012.hospital.example,"10.20.0.12; 10.21.0.12",00-1B-63-84-45-E6,SN-0012,A-1012,Baxter,' +
  'Sigma Spectrum,,8.01.01,IV Pump,life support,yes,3 West Room 12,Nursing,Clinical Engineering,' +
  'Clinical devices,MAIN,,120,12/31/2027,2026-01-04T08:15:00Z';

const PUMP = {
  ...blankRecord(1, 2),
  name: 'Pump 12',
  hostname: 'pump-012.hospital.example',
  ips: ['10.20.0.12', '10.21.0.12'],
  mac: '00:1b:63:84:45:e6',
  serial: 'SN-0012',
  assetTag: 'A-1012',
  vendor: 'Baxter',
  model: 'Sigma Spectrum',
  firmware: '8.01.01',
  category: 'infusion-pump' as const,
  patientSafety: 'high' as const,
  holdsEphi: true,
  location: '3 West Room 12',
  department: 'Nursing',
  owner: 'Clinical Engineering',
  zone: 'Clinical devices',
  site: 'MAIN',
  vlan: 120,
  endOfSupport: '2027-12-31',
  lastSeen: '2026-01-04T08:15:00.000Z',
};

describe('parseInventory: CSV records', () => {
  it('reads every field through a guessed mapping', async () => {
    const report = await read(`${HEADER}\n${ROW}\n`);
    expect(report.diagnostics).toEqual([]);
    expect(report.records).toEqual([PUMP]);
    expect(report.header).toMatchObject({
      format: 'csv',
      delimiter: ',',
      guessed: true,
      unplaced: [],
    });
    expect(report.summary).toEqual({ rows: 1, records: 1, skipped: 0, encoding: 'utf-8' });
  });

  it('reads through a given mapping, matching column names case-insensitively', async () => {
    const csv = 'SN,ADDR,Kind,Other\nS1,10.0.0.1,ct scanner,x\n';
    const mapping = { fields: { serial: 'sn', ip: 'addr', category: 'KIND' } };
    const report = await read(csv, mapping);
    expect(report.records).toEqual([
      { ...blankRecord(1, 2), serial: 'S1', ips: ['10.0.0.1'], category: 'imaging-modality' },
    ]);
    expect(report.header).toMatchObject({ guessed: false, unplaced: ['Other'], mapping });
  });

  it('strips a UTF-8 byte order mark before the first header cell', async () => {
    const report = await read('\uFEFFSerial,IP\nS1,10.0.0.1\n', undefined, 1);
    expect(report.header?.columns).toEqual(['Serial', 'IP']);
    expect(report.records[0]?.serial).toBe('S1');
  });

  it.each([
    ['semicolon', 'Serial;IP;Name\nS1;10.0.0.1;A, B\n', ';'],
    ['tab', 'Serial\tIP\tName\nS1\t10.0.0.1\tA, B\n', '\t'],
    ['pipe', 'Serial|IP|Name\nS1|10.0.0.1|A, B\n', '|'],
    ['Excel sep= line', 'sep=;\na,b,c;IP;Name\nS,1,2;10.0.0.1;A, B\n', ';'],
  ])('sniffs the %s delimiter from the header line', async (_, csv, delimiter) => {
    const report = await read(csv);
    expect(report.header?.delimiter).toBe(delimiter);
    expect(report.records[0]).toMatchObject({ ips: ['10.0.0.1'], name: 'A, B' });
  });

  it('refuses a header line that is malformed', async () => {
    expect(await failure('"Serial,IP\nS1,10.0.0.1\n')).toMatchObject({
      code: 'WL_INVENTORY_UNREADABLE',
      message: expect.stringMatching(/header line is malformed/) as string,
    });
  });

  it("a sep= line is consumed even when the mapping's delimiter wins", async () => {
    const report = await read('sep=;\nSerial,IP\nS1,10.0.0.1\n', {
      fields: { serial: 'Serial' },
      delimiter: ',',
    });
    expect(report.header?.columns).toEqual(['Serial', 'IP']);
    expect(report.records[0]?.serial).toBe('S1');
  });

  it("the mapping's delimiter wins over sniffing", async () => {
    const report = await read('Serial;IP,Name\nS1;x,10.0.0.1\n', {
      fields: { serial: 'Serial;IP' },
      delimiter: ',',
    });
    expect(report.records[0]?.serial).toBe('S1;x');
  });

  it('reads quoted fields with delimiters, doubled quotes and embedded newlines, and counts lines', async () => {
    const csv =
      'Name,Serial,Location\r\n' +
      '"Monitor, bed 4","SN ""7""","Ward 3\r\nRoom 4\r\nBed 2"\r\n' +
      'CT 21" console,SN-8,Radiology\r\n';
    const report = await read(csv, undefined, 3);
    expect(report.diagnostics).toEqual([]);
    expect(report.records).toEqual([
      {
        ...blankRecord(1, 2),
        name: 'Monitor, bed 4',
        serial: 'SN "7"',
        location: 'Ward 3\nRoom 4\nBed 2',
      },
      { ...blankRecord(2, 5), name: 'CT 21" console', serial: 'SN-8', location: 'Radiology' },
    ]);
  });

  it('ignores blank lines and rows whose cells are all empty; accepts trailing empty cells', async () => {
    const report = await read('Serial,IP\n\nS1,10.0.0.1,,\n,\n  \nS2,\n');
    expect(report.diagnostics).toEqual([]);
    expect(report.records.map((r) => [r.row, r.line, r.serial])).toEqual([
      [1, 3, 'S1'],
      [2, 6, 'S2'],
    ]);
  });

  it('reads placeholders as empty, but "none" is a patient-safety level', async () => {
    const report = await read('Serial,IP,Risk,Location\nS1,N/A,None,-\n');
    expect(report.records[0]).toMatchObject({ ips: [], patientSafety: 'none', location: null });
    expect(report.diagnostics).toEqual([]);
  });

  it('reads a header with no rows as zero records', async () => {
    const report = await read('Serial,IP\n');
    expect(report.records).toEqual([]);
    expect(report.summary.rows).toBe(0);
  });

  it('readInventoryHeader stops at the header and shows the guessed mapping', async () => {
    const header = await readInventoryHeader(inPieces(`${HEADER},Cost Center\n${ROW},4100\n`), {
      source: 'x.csv',
    });
    expect(header?.unplaced).toEqual(['Cost Center']);
    expect(header?.mapping.fields.serial).toBe('Serial Number');
  });
});

describe('parseInventory: encodings', () => {
  const cp1252 = Buffer.from([
    ...Buffer.from('Name;Hersteller;Serial\r\n'),
    ...Buffer.from('Ger'),
    0xe4,
    ...Buffer.from('t '),
    0x93,
    ...Buffer.from('M'),
    0xfc,
    ...Buffer.from('ller'),
    0x94,
    ...Buffer.from(';Dr'),
    0xe4,
    ...Buffer.from('ger;S1\r\n'),
  ]);

  it('reads bytes that are not UTF-8 as Windows-1252, with a warning', async () => {
    const report = await read(
      cp1252,
      { fields: { name: 'Name', vendor: 'Hersteller', serial: 'Serial' } },
      5,
    );
    expect(report.records[0]).toMatchObject({ name: 'Gerät “Müller”', vendor: 'Dräger' });
    expect(codes(report)).toEqual(['WL_INVENTORY_ENCODING_FALLBACK']);
    expect(report.summary.encoding).toBe('windows-1252');
  });

  it('maps the Windows-1252 range 0x80–0x9F as the WHATWG table does (Node 20 reads it as Latin-1)', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(all).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(decodeWindows1252(Uint8Array.from([0x41, 0xe9, 0xff]))).toBe('Aéÿ');
  });

  it('reads declared Windows-1252 without a warning', async () => {
    const report = await read(cp1252, {
      fields: { name: 'Name', vendor: 'Hersteller', serial: 'Serial' },
      encoding: 'windows-1252',
    });
    expect(report.records[0]?.vendor).toBe('Dräger');
    expect(report.diagnostics).toEqual([]);
  });

  it('reads UTF-8 split at every byte, and reports invalid bytes after valid UTF-8 once', async () => {
    const good = await read('Name,Serial\nGerät “Müller” 漢 🩺,S1\n', undefined, 1);
    expect(good.records[0]?.name).toBe('Gerät “Müller” 漢 🩺');
    expect(good.diagnostics).toEqual([]);
    const filler = Array.from({ length: 100 }, (_, i) => `Gerät ${i},S${i}\n`).join('');
    const mixed = Buffer.concat([
      Buffer.from(`Name,Serial\n${filler}B`),
      Buffer.from([0xe4, 0xe4]),
      Buffer.from('r,X\n'),
    ]);
    const report = await read(mixed, undefined, 4);
    expect(report.records.at(0)?.name).toBe('Gerät 0');
    expect(report.records.at(-1)?.name).toBe('B\uFFFD\uFFFDr');
    expect(codes(report)).toEqual(['WL_INVENTORY_ENCODING_INVALID']);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode Text", tab-separated)', async () => {
    const text = 'Serial\tManufacturer\r\nS1\tDräger\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const report = await read(bytes, undefined, 3);
    expect(report.records[0]).toMatchObject({ serial: 'S1', vendor: 'Dräger' });
    expect(report.summary.encoding).toBe('utf-16le');
  });

  it.each([
    ['an Excel workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /ZIP archive/],
    ['an old Excel workbook', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /OLE document/],
    [
      'UTF-16 without a BOM',
      Buffer.from('Serial,IP\n', 'utf16le'),
      /UTF-16 without a byte order mark/,
    ],
    ['empty input', Buffer.alloc(0), /empty/],
    ['blank input', Buffer.from(' \r\n\t\n'), /empty/],
  ])('refuses %s as unreadable', async (_, bytes, message) => {
    const error = await failure(bytes);
    expect(error).toBeInstanceOf(WardlineError);
    expect(error).toMatchObject({
      code: 'WL_INVENTORY_UNREADABLE',
      message: expect.stringMatching(message) as string,
    });
  });

  it('turns a failing stream into WL_INVENTORY_UNREADABLE', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(Buffer.from('Serial\nS1\n'));
      throw new Error('disk gone');
    }
    const error = await collectInventory(broken(), { source: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WL_INVENTORY_UNREADABLE' });
    expect((error as WardlineError).cause).toBeInstanceOf(Error);
  });
});

describe('parseInventory: bad rows and values', () => {
  it('skips a row with an unbalanced quote and keeps every row after it', async () => {
    const csv =
      'Serial,IP,Name\nS1,10.0.0.1,a\nS2,"10.0.0.2,b\nS3,10.0.0.3,"c"\nS4,10.0.0.4,"multi\nline"\nS5,10.0.0.5,e\n';
    const report = await read(csv);
    expect(report.records.map((r) => [r.serial, r.line])).toEqual([
      ['S1', 2],
      ['S3', 4],
      ['S4', 5],
      ['S5', 7],
    ]);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'WL_INVENTORY_ROW_MALFORMED', line: 3, severity: 'error' }),
    ]);
  });

  it('an unbalanced quote followed by quote-free rows costs only its own line', async () => {
    const rows = Array.from(
      { length: MAX_RECORD_LINES + 5 },
      (_, i) => `S${i},10.0.${i >> 8}.${i & 255}`,
    );
    const report = await read(`Serial,IP\nX,"open\n${rows.join('\n')}\n`);
    expect(report.records).toHaveLength(rows.length);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ code: 'WL_INVENTORY_ROW_MALFORMED', line: 2 });
  });

  it('skips a row with the wrong number of fields, naming its line', async () => {
    const report = await read('Serial,IP\nS1,10.0.0.1\nS2\nS3,10.0.0.3,extra\nS4,10.0.0.4\n');
    expect(report.records.map((r) => r.serial)).toEqual(['S1', 'S4']);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['WL_INVENTORY_ROW_MALFORMED', 3],
      ['WL_INVENTORY_ROW_MALFORMED', 4],
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/1 fields, the header 2/);
    expect(report.summary).toMatchObject({ rows: 4, records: 2, skipped: 2 });
  });

  it('drops a bad MAC or IP with a diagnostic naming line and column, and keeps the row', async () => {
    const report = await read('Serial,MAC,IP\nS1,00:11:22,"10.0.0.1, 10.0.0.300"\n');
    expect(report.records).toEqual([{ ...blankRecord(1, 2), serial: 'S1', ips: ['10.0.0.1'] }]);
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      'Line 2, column "MAC": "00:11:22" is not a device MAC address; the value is dropped.',
      'Line 2, column "IP": "10.0.0.300" in "10.0.0.1, 10.0.0.300" is not an IP address; dropped, the rest of the cell is kept.',
    ]);
    expect(
      report.diagnostics.every((d) => d.code === 'WL_INVENTORY_VALUE_INVALID' && d.line === 2),
    ).toBe(true);
  });

  it('skips a row with no identifier, also when its only identifier was invalid', async () => {
    const report = await read('MAC,Manufacturer\nzz,GE\n00:1b:63:84:45:e6,GE\n');
    expect(codes(report)).toEqual(['WL_INVENTORY_VALUE_INVALID', 'WL_INVENTORY_ROW_NO_IDENTIFIER']);
    expect(report.records.map((r) => r.mac)).toEqual(['00:1b:63:84:45:e6']);
  });

  it('keeps the first of several MACs with an info diagnostic', async () => {
    const report = await read('MAC\n"00:1b:63:84:45:e6, 00:1b:63:84:45:e7"\n');
    expect(report.records[0]?.mac).toBe('00:1b:63:84:45:e6');
    expect(report.diagnostics[0]).toMatchObject({
      code: 'WL_INVENTORY_VALUE_EXTRA',
      severity: 'info',
    });
  });

  it('reports an unknown category once, as info, and leaves it empty', async () => {
    const report = await read(
      'Serial,Device Type\nS1,Ventilator\nS2,ventilator\nS3,Defibrillator\n',
    );
    expect(report.records.map((r) => r.category)).toEqual([null, null, null]);
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['WL_INVENTORY_CATEGORY_UNKNOWN', 'info', 2],
      ['WL_INVENTORY_CATEGORY_UNKNOWN', 'info', 4],
    ]);
  });

  it("uses the mapping's categories, date order and 1-is-high patient-safety scale", async () => {
    const mapping: InventoryMapping = {
      fields: { serial: 'SN', category: 'Class', endOfSupport: 'EOS', patientSafety: 'Risk' },
      categories: { LVP: 'infusion-pump' },
      dateOrder: 'dmy',
      patientSafetyHighest: 1,
    };
    const report = await read('SN,Class,EOS,Risk\nS1,LVP,03/04/2027,1\n', mapping);
    expect(report.records[0]).toMatchObject({
      category: 'infusion-pump',
      endOfSupport: '2027-04-03',
      patientSafety: 'high',
    });
  });

  it('drops an ambiguous or invalid date with its own diagnostic', async () => {
    const report = await read('Serial,End of Support,Last Seen\nS1,13/01/2027,yesterday\n');
    expect(report.records[0]).toMatchObject({ endOfSupport: null, lastSeen: null });
    expect(codes(report)).toEqual(['WL_INVENTORY_DATE_AMBIGUOUS', 'WL_INVENTORY_VALUE_INVALID']);
    expect(report.diagnostics[0]?.message).toMatch(/Set dateOrder/);
  });

  it('warns about mapped columns missing from the header and about duplicated ones', async () => {
    const report = await read('Serial,Serial,IP\nS1,S9,10.0.0.1\n', {
      fields: { serial: 'serial', ip: 'IP', mac: 'MAC Address' },
    });
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['WL_INVENTORY_COLUMN_DUPLICATE', 1],
      ['WL_INVENTORY_COLUMN_MISSING', 1],
    ]);
    expect(report.records[0]).toMatchObject({ serial: 'S1', ips: ['10.0.0.1'], mac: null });
  });

  it('keeps values starting with = + - @ as data: nothing is evaluated', async () => {
    const report = await read('Name,Serial\n"=HYPERLINK(""http://x"")",+1\n@SUM(A1),-2\n');
    expect(report.records.map((r) => [r.name, r.serial])).toEqual([
      ['=HYPERLINK("http://x")', '+1'],
      ['@SUM(A1)', '-2'],
    ]);
  });
});

describe('parseInventory: limits', () => {
  it('skips a line longer than MAX_LINE_CHARS without holding it, and reads on', async () => {
    const long = `S2,${'x'.repeat(MAX_LINE_CHARS + 10)}`;
    const report = await read(`Serial,Name\nS1,a\n${long}\nS3,c\n`, undefined, 64 * 1024);
    expect(report.records.map((r) => [r.serial, r.line])).toEqual([
      ['S1', 2],
      ['S3', 4],
    ]);
    expect(report.diagnostics[0]).toMatchObject({ code: 'WL_INVENTORY_ROW_MALFORMED', line: 3 });
  });

  it('drops a mapped value longer than MAX_FIELD_CHARS and keeps the row', async () => {
    const report = await read(
      `Serial,Name\nS1,${'n'.repeat(MAX_FIELD_CHARS + 1)}\n`,
      undefined,
      4096,
    );
    expect(report.records[0]).toMatchObject({ serial: 'S1', name: null });
    expect(report.diagnostics[0]?.message).toMatch(/longer than 4096 characters/);
  });

  it('stops on a header wider than MAX_COLUMNS', async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    const report = await read(`${header}\n1\n`, undefined, 4096);
    expect(report.header).toBeNull();
    expect(codes(report)).toEqual(['WL_INVENTORY_LIMIT_EXCEEDED']);
  });

  it(`caps diagnostics at ${MAX_DIAGNOSTICS} plus one note`, async () => {
    const rows = Array.from({ length: MAX_DIAGNOSTICS + 50 }, () => 'zz').join('\n');
    const report = await read(`MAC\n${rows}\n`, undefined, 4096);
    expect(report.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(report.diagnostics.at(-1)?.message).toMatch(/rest are not reported/);
    expect(report.summary.skipped).toBe(MAX_DIAGNOSTICS + 50);
  });

  it('reads a Readable stream in one piece as well as in small pieces', async () => {
    const text = `${HEADER}\n${ROW}\n${ROW}\n`;
    const whole = await collectInventory(Readable.from([text]), { source: 'x' });
    expect(whole.records).toHaveLength(2);
    expect((await read(text, undefined, 1)).records).toEqual(whole.records);
  });
});
