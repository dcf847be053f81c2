import { describe, expect, it } from 'vitest';
import { toKnownAsset } from './assemble.js';
import { compareFactRank, factTrust, SOURCE_TRUST } from './facts.js';
import { day, merge, observation } from './test-helpers.js';
import type { FactProvenance, KnownAsset, MergedAsset } from './types.js';

const MAC = '00:1b:63:84:45:e6';

function asset(result: { assets: readonly MergedAsset[] }): MergedAsset {
  expect(result.assets).toHaveLength(1);
  return result.assets[0]!;
}

describe('a fact from a more trusted source wins', () => {
  it('a newer scan beats an older one', () => {
    const result = merge(
      [],
      [
        observation('nmap', 'monday.xml', day(2), { mac: MAC, os: 'Windows 7' }),
        observation('nmap', 'tuesday.xml', day(3), { mac: MAC, os: 'Windows 10' }),
      ],
    );
    expect(asset(result).current.os).toMatchObject({
      value: 'Windows 10',
      provenance: { sourceName: 'tuesday.xml' },
    });
  });

  it('an older scan imported later never replaces a newer one', () => {
    const newer = merge(
      [],
      [observation('nmap', 'tuesday.xml', day(3), { mac: MAC, os: 'Windows 10' })],
    );
    const late = merge(newer.assets.map(toKnownAsset), [
      observation('nmap', 'monday.xml', day(2), { mac: MAC, os: 'Windows 7' }),
    ]);
    const result = asset(late);
    expect(result.current.os?.value).toBe('Windows 10');
    expect(result.facts).toContainEqual(expect.objectContaining({ key: 'os', value: 'Windows 7' }));
    expect(result.firstSeen).toBe(day(2));
  });

  it('the CMMS beats a scan even when the scan is newer; an SBOM beats an authenticated scan', () => {
    const result = merge(
      [],
      [
        observation('inventory', 'cmms.csv', day(1), {
          mac: MAC,
          vendor: 'Baxter',
          model: 'Sigma Spectrum',
        }),
        observation('nmap', 'scan.xml', day(5), {
          mac: MAC,
          vendor: 'Wind River',
          model: 'embedded',
        }),
        observation('nessus', 'cred.nessus', day(5), { mac: MAC, firmware: '8.00.03' }),
        observation('sbom', 'pump.cdx.json', day(2), { mac: MAC, firmware: '8.01.00' }),
      ],
    );
    const current = asset(result).current;
    expect(current.vendor?.value).toBe('Baxter');
    expect(current.model?.value).toBe('Sigma Spectrum');
    expect(current.firmware?.value).toBe('8.01.00');
  });

  it('an authenticated scan beats nmap, nmap beats a capture, and the OUI vendor comes last', () => {
    const result = merge(
      [],
      [
        observation('capture', 'icu.pcap', day(6), { mac: MAC, os: 'Linux (TTL 64)' }),
        observation('nmap', 'scan.xml', day(5), { mac: MAC, os: 'Linux 3.x', vendor: 'Acme' }),
        observation('openvas', 'gvm.xml', day(4), { mac: MAC, os: 'Debian 11' }),
      ],
      { vendorOfMac: () => 'Acme Network Cards' },
    );
    const current = asset(result).current;
    expect(current.os?.value).toBe('Debian 11');
    expect(current.vendor?.value).toBe('Acme');
    const ouiOnly = merge([], [observation('capture', 'icu.pcap', day(6), { mac: MAC })], {
      vendorOfMac: () => 'Baxter International Inc',
    });
    expect(asset(ouiOnly).current.vendor).toMatchObject({
      value: 'Baxter International Inc',
      provenance: { origin: 'oui' },
    });
  });

  it('a DHCP host name beats a reverse-DNS guess, even a newer one', () => {
    const result = merge(
      [],
      [
        observation('capture', 'icu.pcap', day(2), {
          mac: MAC,
          hostnames: [{ name: 'PUMP-7', origin: 'dhcp' }],
        }),
        observation('nmap', 'scan.xml', day(5), {
          mac: MAC,
          hostnames: [{ name: 'dhcp-10-1-0-5.larkspur.local', origin: 'dns-ptr' }],
        }),
      ],
    );
    expect(asset(result).current.hostname?.value).toBe('pump-7');
    expect(asset(result).displayName).toBe('pump-7');
  });

  it('a value a person set is kept against a newer CMMS export', () => {
    const first = merge(
      [],
      [observation('inventory', 'cmms.csv', day(1), { mac: MAC, declared: { location: 'ICU' } })],
    );
    const overridden: KnownAsset = {
      ...toKnownAsset(first.assets[0]!),
      facts: {
        ...first.assets[0]!.current,
        location: {
          value: 'Ward 3',
          provenance: {
            sourceKind: 'user',
            sourceName: 'alice',
            importId: null,
            observedAt: day(2),
            overridden: true,
            origin: null,
          },
        },
      },
    };
    const later = merge(
      [overridden],
      [
        observation('inventory', 'cmms-2.csv', day(8), {
          mac: MAC,
          declared: { location: 'ICU bed 4' },
        }),
      ],
    );
    expect(asset(later).current.location?.value).toBe('Ward 3');
  });
});

describe('the rank order', () => {
  const base: FactProvenance = {
    sourceKind: 'nmap',
    sourceName: 'a.xml',
    importId: null,
    observedAt: day(2),
    overridden: false,
    origin: null,
  };

  it('orders source kinds as the README table does', () => {
    const t = SOURCE_TRUST;
    expect(t.user).toBeGreaterThan(t.inventory);
    expect(t.inventory).toBeGreaterThan(t.sbom);
    expect(t.sbom).toBeGreaterThan(t.nessus);
    expect(t.nessus).toBe(t.openvas);
    expect(t.openvas).toBeGreaterThan(t.nmap);
    expect(t.nmap).toBeGreaterThan(t.capture);
    expect(factTrust('vendor', { ...base, overridden: true })).toBeGreaterThan(SOURCE_TRUST.user);
    expect(factTrust('vendor', { ...base, origin: 'oui' })).toBeLessThan(SOURCE_TRUST.capture);
  });

  it('breaks exact ties by value, so arrival order never matters', () => {
    expect(compareFactRank('os', 'A', base, 'B', { ...base, sourceName: 'b.xml' })).toBeLessThan(0);
    expect(compareFactRank('os', 'B', base, 'A', base)).toBeGreaterThan(0);
  });
});

describe('criticality on merged assets', () => {
  it('keeps a declared patient-safety impact and a user override; defaults fill the rest', () => {
    const declared = merge(
      [],
      [
        observation('inventory', 'cmms.csv', day(1), {
          mac: MAC,
          declared: { category: 'workstation', patientSafety: 'high' },
        }),
      ],
    );
    expect(asset(declared).criticality).toMatchObject({
      patientSafety: 'high',
      holdsEphi: false,
      overridden: false,
    });
    const known = toKnownAsset(declared.assets[0]!);
    const withOverride: KnownAsset = {
      ...known,
      facts: {
        ...known.facts,
        holdsEphi: {
          value: true,
          provenance: {
            sourceKind: 'user',
            sourceName: 'alice',
            importId: null,
            observedAt: day(3),
            overridden: true,
            origin: null,
          },
        },
      },
    };
    const later = merge(
      [withOverride],
      [
        observation('inventory', 'cmms-2.csv', day(8), {
          mac: MAC,
          declared: { holdsEphi: false },
        }),
      ],
    );
    expect(asset(later).criticality).toMatchObject({ holdsEphi: true, overridden: true });
  });
});
