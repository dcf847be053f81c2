import { describe, expect, it } from 'vitest';
import { toKnownAsset } from './assemble.js';
import { ouiVendor } from './oui.js';
import { day, merge, observation } from './test-helpers.js';
import type { KnownAsset, MergeResult, MergedAsset } from './types.js';

const PUMP_MAC = '00:1b:63:84:45:e6';
const OTHER_MAC = '00:1b:63:84:45:e7';

function known(result: MergeResult): KnownAsset[] {
  return result.assets.map(toKnownAsset);
}

function only(result: MergeResult): MergedAsset {
  expect(result.assets).toHaveLength(1);
  return result.assets[0]!;
}

function ids(asset: MergedAsset, kind: string): string[] {
  return asset.identifiers.filter((i) => i.kind === kind).map((i) => i.value);
}

const scanned = (at: string, spec: Parameters<typeof observation>[3]) =>
  observation('nmap', `scan-${at.slice(0, 10)}.xml`, at, spec);

describe('matching by MAC', () => {
  it('joins a known asset by MAC, whatever the spelling, and adds the new address', () => {
    const first = merge([], [scanned(day(1), { mac: PUMP_MAC, ips: ['10.1.0.5'] })]);
    const second = merge(known(first), [
      scanned(day(3), { mac: '00-1B-63-84-45-E6', ips: ['10.1.0.9'] }),
    ]);
    const asset = only(second);
    expect(asset.id).toBe(first.assets[0]!.id);
    expect(asset.isNew).toBe(false);
    expect(ids(asset, 'ip')).toEqual(['10.1.0.5', '10.1.0.9']);
    expect(second.counts).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 0 });
  });

  it('a randomized MAC does not merge two phones', () => {
    const random = 'da:a1:19:0b:5c:7e';
    const result = merge(
      [],
      [
        observation('capture', 'wifi.pcap', day(2, 9), {
          mac: random,
          ips: ['10.9.0.11'],
          hostnames: [{ name: 'Annas-iPhone', origin: 'dhcp' }],
        }),
        observation('capture', 'wifi.pcap', day(5, 9), {
          mac: random,
          ips: ['10.9.0.57'],
          hostnames: [{ name: 'Bens-Galaxy', origin: 'dhcp' }],
        }),
      ],
    );
    expect(result.assets).toHaveLength(2);
    const later = merge(known(result), [
      observation('capture', 'wifi2.pcap', day(8, 9), { mac: random, ips: ['10.9.0.99'] }),
    ]);
    expect(later.counts.created).toBe(1);
  });

  it('a router pair’s virtual MAC (VRRP) identifies neither router', () => {
    const result = merge(
      [],
      [
        scanned(day(2), { mac: '00:00:5e:00:01:0a', ips: ['10.1.0.1'] }),
        scanned(day(6), { mac: '00:00:5e:00:01:0a', ips: ['10.2.0.1'] }),
      ],
    );
    expect(result.assets).toHaveLength(2);
  });
});

describe('matching by serial, asset tag and DICOM AE title', () => {
  it('joins by serial across case, when the makers agree', () => {
    const cmms = observation('inventory', 'cmms.csv', day(1), {
      serial: 'sn-4411',
      vendor: 'Baxter Healthcare Corporation',
      assetTag: 'BME-1001',
    });
    const sbom = observation('sbom', 'pump.cdx.json', day(2), {
      serial: 'SN-4411',
      vendor: 'Baxter International Inc',
      firmware: '3.1.2',
    });
    expect(merge([], [cmms, sbom]).assets).toHaveLength(1);
  });

  it('keeps equal serials of different makers apart', () => {
    const pump = observation('inventory', 'cmms.csv', day(1), {
      serial: '123456',
      vendor: 'Baxter',
    });
    const ct = observation('sbom', 'ct.cdx.json', day(2), {
      serial: '123456',
      vendor: 'GE HealthCare',
    });
    expect(merge([], [pump, ct]).assets).toHaveLength(2);
  });

  it('never merges on placeholder serials', () => {
    const a = scanned(day(1), { serial: 'To Be Filled By O.E.M.', ips: ['10.1.0.5'] });
    const b = scanned(day(4), { serial: 'to be filled by o.e.m.', ips: ['10.1.0.6'] });
    expect(merge([], [a, b]).assets).toHaveLength(2);
  });

  it('joins a CMMS row to a known asset by asset tag', () => {
    const first = merge(
      [],
      [
        observation('inventory', 'cmms.csv', day(1), {
          assetTag: 'BME-1001',
          declared: { name: 'Pump 7' },
        }),
      ],
    );
    const second = merge(known(first), [
      observation('inventory', 'cmms-march.csv', day(5), {
        assetTag: 'bme-1001',
        declared: { location: 'ICU bed 4' },
      }),
    ]);
    expect(only(second).current.location?.value).toBe('ICU bed 4');
    expect(only(second).id).toBe(first.assets[0]!.id);
  });

  it('joins by DICOM AE title and address even when the address was seen long ago', () => {
    const first = merge(
      [],
      [
        observation('capture', 'imaging.pcap', day(1), {
          aeTitles: ['CT_MAIN'],
          ips: ['10.20.0.5'],
        }),
      ],
    );
    const later = merge(known(first), [
      observation('capture', 'imaging-2.pcap', day(9), {
        aeTitles: [' CT_MAIN '],
        ips: ['10.20.0.5'],
      }),
    ]);
    expect(later.counts.updated).toBe(1);
  });
});

describe('matching by host name', () => {
  it('matches a short name to the fully qualified one: ct1.larkspur.local ≈ CT1', () => {
    const first = merge(
      [],
      [scanned(day(1), { hostnames: [{ name: 'ct1.larkspur.local', origin: 'dns-ptr' }] })],
    );
    const later = merge(known(first), [
      observation('inventory', 'cmms.csv', day(9), {
        hostnames: [{ name: 'CT1', origin: 'inventory' }],
        declared: { name: 'CT scanner 1' },
      }),
    ]);
    expect(later.counts).toMatchObject({ created: 0, updated: 1 });
  });

  it('does not match a short name that two domains share', () => {
    const first = merge(
      [],
      [
        scanned(day(1), { hostnames: [{ name: 'ct1.larkspur.local', origin: 'dns-ptr' }] }),
        scanned(day(1), { hostnames: [{ name: 'ct1.annex.local', origin: 'dns-ptr' }] }),
      ],
    );
    expect(first.assets).toHaveLength(2);
    const later = merge(known(first), [
      observation('inventory', 'cmms.csv', day(9), {
        hostnames: [{ name: 'CT1', origin: 'inventory' }],
      }),
    ]);
    expect(later.counts.created).toBe(1);
  });
});

describe('matching by IP at a time', () => {
  const first = merge([], [scanned(day(2, 1), { mac: PUMP_MAC, ips: ['10.1.0.5'] })]);

  it('an address seen within the binding window joins the asset that held it', () => {
    const capture = observation('capture', 'icu.pcap', day(2, 20), {
      ips: ['10.1.0.5'],
      hostnames: [{ name: 'pump-7', origin: 'dhcp' }],
    });
    const result = merge(known(first), [capture]);
    expect(result.counts.updated).toBe(1);
  });

  it('the same IP reused by another MAC next week is a different device', () => {
    const result = merge(known(first), [scanned(day(9, 1), { mac: OTHER_MAC, ips: ['10.1.0.5'] })]);
    expect(result.counts.created).toBe(1);
  });

  it('an address with a different MAC inside the window is still a different device', () => {
    const result = merge(known(first), [scanned(day(2, 3), { mac: OTHER_MAC, ips: ['10.1.0.5'] })]);
    expect(result.counts.created).toBe(1);
  });

  it('an address alone, seen after the window closed, is a new device', () => {
    const result = merge(known(first), [
      observation('capture', 'c.pcap', day(4, 1), { ips: ['10.1.0.5'] }),
    ]);
    expect(result.counts.created).toBe(1);
    const wider = merge(
      known(first),
      [observation('capture', 'c.pcap', day(4, 1), { ips: ['10.1.0.5'] })],
      {
        ipBindingHours: 72,
      },
    );
    expect(wider.counts.updated).toBe(1);
  });
});

describe('batch grouping', () => {
  it('observations of one batch that match each other are one asset', () => {
    const result = merge(
      [],
      [
        scanned(day(2, 1), { mac: PUMP_MAC, ips: ['10.20.0.5'] }),
        observation('capture', 'imaging.pcap', day(2, 2), {
          ips: ['10.20.0.5'],
          aeTitles: ['CT_MAIN'],
        }),
        observation('inventory', 'cmms.csv', day(1), {
          hostnames: [{ name: 'ct1', origin: 'inventory' }],
          assetTag: 'IMG-7',
        }),
        observation('sbom', 'ct.cdx.json', day(1), { assetTag: 'IMG-7', mac: PUMP_MAC }),
      ],
    );
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]!.observations).toEqual([0, 1, 2, 3]);
  });

  it('an address that two devices held at the same time is not enough to join either', () => {
    const result = merge(
      [],
      [
        scanned(day(2, 1), { mac: PUMP_MAC, ips: ['10.1.0.5'] }),
        scanned(day(2, 1), { mac: OTHER_MAC, ips: ['10.1.0.5'] }),
        observation('capture', 'c.pcap', day(2, 1), { ips: ['10.1.0.5'] }),
      ],
    );
    expect(result.assets).toHaveLength(3);
    expect(
      merge(known(result), [observation('capture', 'c.pcap', day(2, 1), { ips: ['10.1.0.5'] })])
        .changed,
    ).toBe(false);
  });

  it('notes a possible duplicate when strong identifiers point at two assets', () => {
    const first = merge(
      [],
      [
        scanned(day(1), { mac: PUMP_MAC, ips: ['10.1.0.5'] }),
        observation('inventory', 'cmms.csv', day(1), {
          serial: 'SN-1',
          hostnames: [{ name: 'x', origin: 'inventory' }],
        }),
      ],
    );
    expect(first.assets).toHaveLength(2);
    const result = merge(known(first), [scanned(day(3), { mac: PUMP_MAC, serial: 'SN-1' })]);
    expect(result.notes).toContainEqual(
      expect.objectContaining({ kind: 'possible-duplicate', identifier: 'serial' }),
    );
  });
});

describe('what is skipped', () => {
  it('reports observations without a time, from the future or without any identifier', () => {
    const result = merge(
      [],
      [
        scanned('not a date', { ips: ['10.1.0.1'] }),
        scanned('2026-03-12T00:00:00Z', { ips: ['10.1.0.2'] }),
        observation('inventory', 'cmms.csv', day(1), { declared: { name: 'Pump without ids' } }),
        scanned(day(1), { ips: ['10.1.0.3'] }),
      ],
    );
    expect(result.notes).toEqual([
      { kind: 'skipped', observation: 0, reason: 'invalid-time' },
      { kind: 'skipped', observation: 1, reason: 'future-time' },
      { kind: 'skipped', observation: 2, reason: 'no-identifier' },
    ]);
    expect(result.counts).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 3 });
  });
});

describe('idempotence', () => {
  it('re-merging the same observations changes nothing and adds no facts', () => {
    const batch = [
      scanned(day(2, 1), { mac: PUMP_MAC, ips: ['10.1.0.5'], os: 'VxWorks 6.9' }),
      observation('inventory', 'cmms.csv', day(1), {
        mac: PUMP_MAC,
        declared: { name: 'Pump 7', patientSafety: 'high' },
      }),
      observation(
        'capture',
        'icu.pcap',
        day(2, 5),
        { ips: ['10.1.0.5'] },
        {
          protocols: {
            dhcp: {
              hostname: 'pump-7',
              vendorClass: 'udhcp 1.30',
              fingerprint: '1,3,6',
              clientId: null,
            },
          },
        },
      ),
    ];
    const first = merge([], batch);
    const again = merge(known(first), batch);
    expect(again.changed).toBe(false);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: 0 });
    expect(again.assets[0]!.facts).toEqual([]);
    expect(again.assets[0]!.identifiers.every((i) => i.status === 'unchanged')).toBe(true);
  });
});

describe('classification and criticality of merged assets', () => {
  it('recognizes an infusion pump from passive traffic alone', () => {
    const capture = observation(
      'capture',
      'icu.pcap',
      day(2, 3),
      {
        mac: '58:42:e4:00:12:34',
        ips: ['10.40.0.17'],
      },
      {
        protocols: {
          dhcp: {
            hostname: null,
            vendorClass: 'udhcp 1.30.1',
            fingerprint: '1,3,6,12,15,28',
            clientId: null,
          },
        },
      },
    );
    const asset = only(merge([], [capture], { vendorOfMac: ouiVendor }));
    expect(asset.current.vendor).toMatchObject({
      value: 'Baxter International Inc',
      provenance: { origin: 'oui' },
    });
    expect(asset.classification.category).toBe('infusion-pump');
    expect(asset.criticality).toMatchObject({
      patientSafety: 'high',
      holdsEphi: true,
      overridden: false,
    });
  });

  it('takes the CMMS category as final and another source’s as evidence', () => {
    const cmms = merge(
      [],
      [
        observation('inventory', 'cmms.csv', day(1), {
          assetTag: 'BME-9',
          declared: { category: 'lab-analyzer' },
        }),
      ],
    );
    expect(only(cmms).classification).toMatchObject({ category: 'lab-analyzer', confidence: 1 });
    const sbom = merge(
      [],
      [
        observation('sbom', 'device.cdx.json', day(1), {
          serial: 'X-1',
          declared: { category: 'lab-analyzer' },
        }),
      ],
    );
    expect(only(sbom).classification).toMatchObject({ category: 'lab-analyzer', confidence: 0.7 });
  });
});
