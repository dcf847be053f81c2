import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, CATEGORY_SYNONYMS, categorize, customCategories } from './category.js';
import { formatDay, formatInstant, readInventoryDate, type DateReading } from './dates.js';
import {
  isPlaceholder,
  readAeTitles,
  readFlag,
  readHostname,
  readIp,
  readIps,
  readMac,
  readPatientSafety,
  readVlan,
} from './values.js';
import { ASSET_CATEGORIES } from '../../domain/inventory.js';

describe('categorize: the synonym table', () => {
  it.each([
    ['Infusion Pump', 'infusion-pump'],
    ['IV pump', 'infusion-pump'],
    ['Large Volume Pump', 'infusion-pump'],
    ['Pumps, Infusion, Syringe', 'infusion-pump'],
    ['PCA Pump', 'infusion-pump'],
    ['CT Scanner', 'imaging-modality'],
    ['MRI', 'imaging-modality'],
    ['MR Scanner 3T', 'imaging-modality'],
    ['X-Ray', 'imaging-modality'],
    ['X Ray', 'imaging-modality'],
    ['Xray Unit, Mobile', 'imaging-modality'],
    ['Ultrasound', 'imaging-modality'],
    ['Scanning Systems, Computed Tomography', 'imaging-modality'],
    ['C-Arm', 'imaging-modality'],
    ['Mammography', 'imaging-modality'],
    ['Physiological Monitor', 'patient-monitor'],
    ['Patient Monitor', 'patient-monitor'],
    ['Monitors, Physiologic', 'patient-monitor'],
    ['Multi-Parameter Monitor', 'patient-monitor'],
    ['Telemetry Transmitter', 'patient-monitor'],
    ['PACS Server', 'pacs'],
    ['Vendor Neutral Archive', 'pacs'],
    ['HL7 Interface Engine', 'hl7-interface-engine'],
    ['Mirth Connect', 'hl7-interface-engine'],
    ['EHR Application Server', 'ehr-server'],
    ['Blood Gas Analyzer', 'lab-analyzer'],
    ['Hematology Analyser', 'lab-analyzer'],
    ['Laboratory Equipment', 'lab-analyzer'],
    ['Workstation', 'workstation'],
    ['Laptop', 'workstation'],
    ['Computer on Wheels', 'workstation'],
    ['Computer Monitor', 'workstation'],
    ['Virtual Machine', 'server'],
    ['Database Server', 'server'],
    ['Network Switch', 'network-gear'],
    ['Wireless Access Point', 'network-gear'],
    ['Firewall', 'network-gear'],
    ['IP Camera', 'iot'],
    ['Label Printer', 'iot'],
    ['Nurse Call', 'iot'],
    ['Imaging Equipment', 'imaging-modality'],
    ['infusion-pump', 'infusion-pump'],
    ['  PATIENT-MONITOR ', 'patient-monitor'],
  ] as const)('%s → %s', (text, category) => {
    expect(categorize(text)).toBe(category);
  });

  it.each(['Ventilator', 'Defibrillator', 'Anesthesia Machine', 'Suction Pump', 'unknown', ''])(
    '%s has no category',
    (text) => {
      expect(categorize(text)).toBeNull();
    },
  );

  it('every rule in the table names a Wardline category and is reachable through its own words', () => {
    for (const rule of CATEGORY_SYNONYMS) {
      expect(ASSET_CATEGORIES).toContain(rule.category);
      expect(categorize(rule.words.join(' '))).not.toBeNull();
    }
  });

  it("the mapping's own texts are tried first, trimmed and case-insensitive", () => {
    const custom = customCategories({
      'Pompe 3000': 'infusion-pump',
      Monitor: 'workstation',
    });
    expect(categorize(' pompe 3000 ', custom)).toBe('infusion-pump');
    expect(categorize('MONITOR', custom)).toBe('workstation');
    expect(categorize('Pompe 3000')).toBeNull();
    expect(categorize('Monitor')).toBe('patient-monitor');
  });

  it("every writer label reads back to its own category (except 'unknown', written empty)", () => {
    for (const category of ASSET_CATEGORIES) {
      if (category === 'unknown') expect(CATEGORY_LABELS[category]).toBe('');
      else expect(categorize(CATEGORY_LABELS[category])).toBe(category);
    }
  });
});

function day(reading: DateReading): string | null {
  return reading.kind === 'date' ? formatDay(reading.parts) : null;
}

function instant(reading: DateReading): string | null {
  return reading.kind === 'date' ? formatInstant(reading.parts) : null;
}

describe('readInventoryDate', () => {
  it.each([
    ['2027-03-14', '2027-03-14'],
    ['2027/03/14', '2027-03-14'],
    ['2027.3.4', '2027-03-04'],
    ['03/14/2027', '2027-03-14'],
    ['3/4/2027', '2027-03-04'],
    ['14.03.2027', '2027-03-14'],
    ['4.3.2027', '2027-03-04'],
    ['14-03-2027', '2027-03-14'],
    ['03-14-2027', '2027-03-14'],
    ['04-04-2027', '2027-04-04'],
    ['14 Mar 2027', '2027-03-14'],
    ['14-Mar-2027', '2027-03-14'],
    ['Mar 14, 2027', '2027-03-14'],
    ['March 14th 2027', '2027-03-14'],
    ['14 Sept 2027', '2027-09-14'],
    ['2024-02-29', '2024-02-29'],
  ])('%s is %s', (text, expected) => {
    expect(day(readInventoryDate(text))).toBe(expected);
  });

  it.each([
    ['2027-03-14T09:30:00Z', '2027-03-14T09:30:00.000Z'],
    ['2027-03-14 09:30', '2027-03-14T09:30:00.000Z'],
    ['2027-03-14T09:30:00.123456+01:00', '2027-03-14T08:30:00.123Z'],
    ['2027-03-14T09:30:00-0500', '2027-03-14T14:30:00.000Z'],
    ['3/14/2027 2:30 PM', '2027-03-14T14:30:00.000Z'],
    ['3/14/2027 12:05 am', '2027-03-14T00:05:00.000Z'],
    ['14.03.2027 14:30:15', '2027-03-14T14:30:15.000Z'],
    ['14 Mar 2027 08:00', '2027-03-14T08:00:00.000Z'],
  ])('%s is the instant %s (no zone means UTC)', (text, expected) => {
    expect(instant(readInventoryDate(text))).toBe(expected);
  });

  it('a slash date that cannot be US month/day is ambiguous, not misread', () => {
    expect(readInventoryDate('13/01/2027')).toEqual({
      kind: 'ambiguous',
      reason: 'it reads as day/month/year, not US month/day/year',
    });
  });

  it('a dash date with both parts at most 12 is ambiguous unless dateOrder says', () => {
    expect(readInventoryDate('03-04-2027').kind).toBe('ambiguous');
    expect(day(readInventoryDate('03-04-2027', 'dmy'))).toBe('2027-04-03');
    expect(day(readInventoryDate('03-04-2027', 'mdy'))).toBe('2027-03-04');
  });

  it('dateOrder dmy reads slashes day first, and a date that does not fit it is invalid', () => {
    expect(day(readInventoryDate('03/04/2027', 'dmy'))).toBe('2027-04-03');
    expect(readInventoryDate('03/14/2027', 'dmy').kind).toBe('invalid');
    expect(readInventoryDate('13/01/2027', 'mdy').kind).toBe('invalid');
  });

  it('a two-digit year is ambiguous', () => {
    expect(readInventoryDate('3/4/27').kind).toBe('ambiguous');
    expect(readInventoryDate('14 Mar 27').kind).toBe('ambiguous');
  });

  it.each([
    '2027-02-30',
    '2027-13-01',
    '31.04.2027',
    '45321',
    'next year',
    'Foo 14, 2027',
    '2027-03-14T25:00',
    '2027-03-14T10:00+15:00',
    '13/14/2027 1:00 PM',
    '3/14/2027 13:00 PM',
    '0001-01-01',
    '9999-12-31',
    'x'.repeat(100),
  ])('%s is invalid', (text) => {
    expect(readInventoryDate(text).kind).toBe('invalid');
  });
});

describe('cell readers', () => {
  it('MACs: any normalizeMac form; all-zero and broadcast refused; the first of a list kept', () => {
    expect(readMac('00-1B-63-84-45-E6')).toEqual({
      mac: '00:1b:63:84:45:e6',
      invalid: [],
      extra: [],
    });
    expect(readMac('001b.6384.45e6').mac).toBe('00:1b:63:84:45:e6');
    expect(readMac('00:00:00:00:00:00')).toEqual({
      mac: null,
      invalid: ['00:00:00:00:00:00'],
      extra: [],
    });
    expect(readMac('FF:FF:FF:FF:FF:FF').mac).toBeNull();
    expect(readMac('00:1b:63:84:45:e6; 00:1b:63:84:45:e7, bad')).toEqual({
      mac: '00:1b:63:84:45:e6',
      invalid: ['bad'],
      extra: ['00:1b:63:84:45:e7'],
    });
    expect(readMac('00:1b:63:84:45').mac).toBeNull();
  });

  it('IPs: several per cell, IPv6 compressed, IPv4-mapped as IPv4, prefixes stripped, duplicates once', () => {
    expect(readIps('10.0.0.5, 10.0.1.5;10.0.0.5 2001:DB8:0:0:0:0:0:1')).toEqual({
      ips: ['10.0.0.5', '10.0.1.5', '2001:db8::1'],
      invalid: [],
    });
    expect(readIp('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(readIp('10.1.2.3/24')).toBe('10.1.2.3');
    expect(readIp('fe80::1/64')).toBe('fe80::1');
    expect(readIps('010.0.0.1 10.0.0.256 1.2.3 0x7f.1 10.0.0.1/33 host')).toEqual({
      ips: [],
      invalid: ['010.0.0.1', '10.0.0.256', '1.2.3', '0x7f.1', '10.0.0.1/33', 'host'],
    });
  });

  it('host names: lower case, trailing dot dropped, underscores allowed, spaces refused', () => {
    expect(readHostname('PUMP-0042.Hospital.Example.')).toBe('pump-0042.hospital.example');
    expect(readHostname('CT_SCANNER_1')).toBe('ct_scanner_1');
    expect(readHostname('pump 42')).toBeUndefined();
    expect(readHostname('-bad-.example')).toBeUndefined();
    expect(readHostname(`${'a'.repeat(64)}.example`)).toBeUndefined();
  });

  it('AE titles: split on , ; and backslash; 16 printable ASCII characters at most', () => {
    expect(readAeTitles('CT01_SCP\\CT01_SCU; STORESCP ,CT01_SCP')).toEqual({
      titles: ['CT01_SCP', 'CT01_SCU', 'STORESCP'],
      invalid: [],
    });
    expect(readAeTitles('A_VERY_LONG_AE_TITLE, ÄE').invalid).toEqual([
      'A_VERY_LONG_AE_TITLE',
      'ÄE',
    ]);
  });

  it.each([
    ['high', 4, 'high'],
    ['Life Support', 4, 'high'],
    ['life-sustaining', 4, 'high'],
    ['Critical', 4, 'high'],
    ['Moderate', 4, 'medium'],
    ['low', 4, 'low'],
    ['none', 4, 'none'],
    ['Non-Clinical', 4, 'none'],
    ['4', 4, 'high'],
    ['3', 4, 'medium'],
    ['2', 4, 'low'],
    ['1', 4, 'none'],
    ['Level 3', 4, 'medium'],
    ['1', 1, 'high'],
    ['2', 1, 'medium'],
    ['3', 1, 'low'],
    ['4', 1, 'none'],
    ['5', 4, undefined],
    ['very', 4, undefined],
  ] as const)('patient safety %s (highest %i) is %s', (text, highest, expected) => {
    expect(readPatientSafety(text, highest)).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['no', false],
    ['n', false],
    ['False', false],
    ['0', false],
    ['maybe', undefined],
  ] as const)('holds ePHI %s is %s', (text, expected) => {
    expect(readFlag(text)).toBe(expected);
  });

  it('VLAN ids 1–4094, optionally written "VLAN 120"', () => {
    expect(readVlan('120')).toBe(120);
    expect(readVlan('VLAN 120')).toBe(120);
    expect(readVlan('vlan4094')).toBe(4094);
    expect(readVlan('0')).toBeUndefined();
    expect(readVlan('4095')).toBeUndefined();
    expect(readVlan('12a')).toBeUndefined();
  });

  it('placeholders read as empty', () => {
    for (const text of ['N/A', 'n/a', 'NULL', '-', 'unknown', ' TBD ', 'None']) {
      expect(isPlaceholder(text)).toBe(true);
    }
    expect(isPlaceholder('Nancy')).toBe(false);
  });
});
