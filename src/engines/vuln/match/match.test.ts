import { describe, expect, it } from 'vitest';
import { AdvisoryIndex } from './advisory-index.js';
import { advisory, bounds, config, pkg, product, software } from './test-helpers.js';

const log4shell = advisory('GHSA-jfh8-c2jp-5v3q', {
  source: 'osv',
  packages: [
    pkg('pkg:maven/org.apache.logging.log4j/log4j-core', {
      scheme: 'maven',
      bounds: [bounds({ startIncluding: '2.0.0', endExcluding: '2.15.0' })],
      fixedVersions: ['2.15.0'],
    }),
  ],
});

const nvdLog4j = advisory('CVE-2021-44228', {
  cpeConfigurations: [
    config([
      [
        'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*',
        { startIncluding: '2.0.0', endExcluding: '2.15.0' },
      ],
    ]),
  ],
});

describe('purl matches', () => {
  const index = AdvisoryIndex.build([log4shell]);

  it('matches a version within bounds, with range, fix and explanation', () => {
    const [match, ...rest] = index.matchSoftware(
      software('c1', {
        name: 'log4j-core',
        version: '2.14.1',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      }),
    );
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      advisoryId: 'GHSA-jfh8-c2jp-5v3q',
      targetRef: 'c1',
      kind: 'purl',
      confidence: 1,
      range: '>= 2.0.0, < 2.15.0',
      fixedVersion: '2.15.0',
      status: 'affected',
    });
    expect(match?.explanation).toBe(
      'log4j-core 2.14.1 (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1) matches purl pkg:maven/org.apache.logging.log4j/log4j-core within >= 2.0.0, < 2.15.0.',
    );
  });

  it('takes the version from the purl and misses versions outside the bounds', () => {
    expect(
      index.matchSoftware(
        software('c', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.12.0' }),
      ),
    ).toHaveLength(1);
    expect(
      index.matchSoftware(
        software('c', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0' }),
      ),
    ).toEqual([]);
    expect(
      index.matchSoftware(
        software('c', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.12.0' }),
      ),
    ).toEqual([]);
    expect(
      index.matchSoftware(software('c', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core' })),
    ).toEqual([]);
  });

  it('normalizes PyPI names and matches listed versions', () => {
    const django = AdvisoryIndex.build([
      advisory('PYSEC-1', {
        source: 'osv',
        packages: [pkg('pkg:pypi/django-rest-framework', { scheme: 'pep440', versions: ['3.0'] })],
      }),
    ]);
    const [match] = django.matchSoftware(
      software('d', { purl: 'pkg:pypi/Django_REST.Framework@3.0' }),
    );
    expect(match).toMatchObject({ kind: 'purl', range: '= 3.0' });
    expect(
      django.matchSoftware(software('d', { purl: 'pkg:pypi/django-rest-framework@3.1' })),
    ).toEqual([]);
  });

  it('ignores a purl it cannot parse', () => {
    expect(
      index.matchSoftware(software('x', { purl: 'pkg:golang/github.com/Foo/Bar@v1' })),
    ).toEqual([]);
    expect(index.matchSoftware(software('x', { purl: 'not a purl' }))).toEqual([]);
  });
});

describe('CPE matches', () => {
  const exact = advisory('CVE-2020-0001', {
    cpeConfigurations: [config([['cpe:2.3:a:acme:pacs_viewer:4.2:*:*:*:*:*:*:*']])],
  });
  const index = AdvisoryIndex.build([nvdLog4j, exact]);

  it('matches an exact CPE version at 0.95', () => {
    const [match] = index.matchSoftware(
      software('v', { cpe: 'cpe:2.3:a:acme:pacs_viewer:4.2:*:*:*:*:*:*:*' }),
    );
    expect(match).toMatchObject({
      kind: 'cpe-exact',
      confidence: 0.95,
      range: '= 4.2',
      advisoryId: 'CVE-2020-0001',
    });
    expect(
      index.matchSoftware(software('v', { cpe: 'cpe:2.3:a:acme:pacs_viewer:4.3:*:*:*:*:*:*:*' })),
    ).toEqual([]);
  });

  it('matches a CPE range at 0.9, filling a missing CPE version from the component', () => {
    const [match] = index.matchSoftware(
      software('l', {
        name: 'log4j',
        version: '2.14.1',
        cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*',
      }),
    );
    expect(match).toMatchObject({
      kind: 'cpe-range',
      confidence: 0.9,
      range: '>= 2.0.0, < 2.15.0',
      fixedVersion: '2.15.0',
    });
    expect(
      index.matchSoftware(software('l', { cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*' })),
    ).toEqual([]);
    expect(
      index.matchSoftware(software('l', { cpe: 'cpe:2.3:a:apache:log4j:-:*:*:*:*:*:*:*' })),
    ).toEqual([]);
  });

  it('keeps only the most precise match per advisory', () => {
    const both = AdvisoryIndex.build([
      advisory('CVE-2021-44228', {
        cpeConfigurations: nvdLog4j.cpeConfigurations,
        packages: log4shell.packages,
      }),
    ]);
    const matches = both.matchSoftware(
      software('c', {
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*',
      }),
    );
    expect(matches.map((m) => m.kind)).toEqual(['purl']);
  });

  it('finds criteria whose vendor is a wild card through the fallback list', () => {
    const wild = AdvisoryIndex.build([
      advisory('CVE-W', {
        cpeConfigurations: [config([['cpe:2.3:a:*:openssl:1.0.1?:*:*:*:*:*:*:*']])],
      }),
    ]);
    expect(
      wild.matchSoftware(software('o', { cpe: 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*' })),
    ).toHaveLength(1);
    expect(
      wild.matchSoftware(software('o', { cpe: 'cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*' })),
    ).toEqual([]);
  });
});

describe('platform configurations', () => {
  const firmware = advisory('CVE-2022-0002', {
    cpeConfigurations: [
      config(
        [['cpe:2.3:o:acme:pump_firmware:*:*:*:*:*:*:*:*', { endExcluding: '3.0' }]],
        ['cpe:2.3:h:acme:pump_3000:-:*:*:*:*:*:*:*'],
      ),
    ],
  });
  const index = AdvisoryIndex.build([firmware]);
  const target = software('fw', {
    name: 'pump firmware',
    cpe: 'cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*',
  });

  it('lowers the confidence when the platform cannot be checked, and says so', () => {
    const [match] = index.matchSoftware(target);
    expect(match?.confidence).toBeCloseTo(0.7);
    expect(match?.explanation).toContain('cannot show');
  });

  it('checks the platform against the asset’s other CPEs when given', () => {
    const on = index.matchSoftware({
      ...target,
      platformCpes: ['cpe:2.3:h:acme:pump_3000:-:*:*:*:*:*:*:*'],
    });
    expect(on[0]?.confidence).toBeCloseTo(0.9);
    expect(on[0]?.explanation).not.toContain('cannot show');
    expect(
      index.matchSoftware({
        ...target,
        platformCpes: ['cpe:2.3:h:acme:pump_4000:-:*:*:*:*:*:*:*'],
      }),
    ).toEqual([]);
  });

  it('never matches a platform criterion by itself', () => {
    expect(
      index.matchSoftware(software('hw', { cpe: 'cpe:2.3:h:acme:pump_3000:-:*:*:*:*:*:*:*' })),
    ).toEqual([]);
  });
});

describe('name matches', () => {
  const index = AdvisoryIndex.build([
    advisory('CVE-2023-0003', {
      cpeConfigurations: [config([['cpe:2.3:a:orthanc-server:orthanc:1.9.7:*:*:*:*:*:*:*']])],
    }),
  ]);

  it('matches name, version and supplier when there is no purl or CPE', () => {
    const [match] = index.matchSoftware(
      software('o', { name: 'Orthanc', version: '1.9.7', supplier: 'Orthanc Server' }),
    );
    expect(match).toMatchObject({ kind: 'name-fuzzy', range: '= 1.9.7' });
    expect(match?.confidence).toBeLessThanOrEqual(0.5);
  });

  it('needs the supplier to agree and the version to fit', () => {
    expect(
      index.matchSoftware(
        software('o', { name: 'Orthanc', version: '1.9.7', supplier: 'Someone Else GmbH' }),
      ),
    ).toEqual([]);
    expect(
      index.matchSoftware(software('o', { name: 'Orthanc', version: '1.9.7', supplier: null })),
    ).toEqual([]);
    expect(
      index.matchSoftware(
        software('o', { name: 'Orthanc', version: '1.9.8', supplier: 'Orthanc Server' }),
      ),
    ).toEqual([]);
  });

  it('never guesses by name when a purl or a CPE is present', () => {
    const named = { name: 'Orthanc', version: '1.9.7', supplier: 'Orthanc Server' };
    expect(
      index.matchSoftware(software('o', { ...named, purl: 'pkg:generic/orthanc@1.9.7' })),
    ).toEqual([]);
    expect(
      index.matchSoftware(
        software('o', { ...named, cpe: 'cpe:2.3:a:other:orthanc:1.9.7:*:*:*:*:*:*:*' }),
      ),
    ).toEqual([]);
  });
});

describe('CSAF products', () => {
  const csaf = advisory('CVE-2024-0004', {
    source: 'csaf',
    document: 'ICSMA-24-001-01',
    products: [
      product('Acme Infusion Pump 3000 < 2.4', {
        vendor: 'Acme Medical, Inc.',
        product: 'Infusion Pump 3000',
        versionRange: 'vers:generic/<2.4',
        modelNumbers: ['IP-3000'],
      }),
      product('Acme Infusion Pump 3000 2.4', {
        vendor: 'Acme Medical, Inc.',
        product: 'Infusion Pump 3000',
        version: '2.4',
        modelNumbers: ['IP-3000'],
        status: 'fixed',
      }),
      product('Acme Gateway', {
        vendor: 'Acme Medical',
        product: 'Gateway',
        status: 'known_not_affected',
        justification: 'vulnerable_code_not_present',
        impactStatement: 'The gateway does not include the affected library.',
        purl: 'pkg:generic/acme/gateway',
      }),
    ],
  });
  const index = AdvisoryIndex.build([csaf]);

  it('matches a device by model number and firmware range', () => {
    const [match] = index.matchDevice({
      ref: 'd1',
      vendor: 'ACME Medical',
      model: 'ip3000',
      firmware: '2.3.1',
      serial: null,
    });
    expect(match).toMatchObject({
      kind: 'device-model',
      confidence: 0.85,
      status: 'affected',
      range: '< 2.4',
      fixedVersion: '2.4',
    });
  });

  it('says fixed for the fixed version, and nothing for another maker', () => {
    const [match] = index.matchDevice({
      ref: 'd1',
      vendor: 'Acme Medical',
      model: 'IP-3000',
      firmware: 'V2.4',
      serial: null,
    });
    expect(match).toMatchObject({ status: 'fixed', kind: 'device-model' });
    expect(
      index.matchDevice({
        ref: 'd1',
        vendor: 'Baxter',
        model: 'IP-3000',
        firmware: '2.3',
        serial: null,
      }),
    ).toEqual([]);
  });

  it('matches by product name at lower confidence, and flags an unknown firmware', () => {
    const [byName] = index.matchDevice({
      ref: 'd2',
      vendor: 'Acme Medical GmbH',
      model: 'Infusion-Pump 3000',
      firmware: '1.0',
      serial: null,
    });
    expect(byName).toMatchObject({ kind: 'device-name', confidence: 0.7, status: 'affected' });
    const [unknown] = index.matchDevice({
      ref: 'd2',
      vendor: 'Acme Medical',
      model: 'IP-3000',
      firmware: null,
      serial: null,
    });
    expect(unknown).toMatchObject({ status: 'affected', confidence: 0.65 });
    expect(unknown?.explanation).toContain('firmware version is unknown');
  });

  it('carries the vendor’s not-affected justification', () => {
    const [match] = index.matchSoftware(
      software('g', { name: 'Gateway', version: '1.0', purl: 'pkg:generic/acme/gateway@1.0' }),
    );
    expect(match).toMatchObject({
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      impactStatement: 'The gateway does not include the affected library.',
      kind: 'purl',
    });
    expect(match?.explanation).toContain('not affected (vulnerable_code_not_present)');
  });
});

describe('index upkeep', () => {
  it('never matches withdrawn advisories, and a withdrawn copy removes the live one', () => {
    const index = AdvisoryIndex.build([{ ...log4shell, withdrawn: '2024-01-01T00:00:00Z' }]);
    const target = software('c', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
    expect(index.matchSoftware(target)).toEqual([]);
    expect(index.size).toBe(0);
    index.add(log4shell);
    expect(index.matchSoftware(target)).toHaveLength(1);
    index.add({ ...log4shell, withdrawn: '2024-01-01T00:00:00Z' });
    expect(index.matchSoftware(target)).toEqual([]);
  });

  it('adds, replaces and removes incrementally', () => {
    const index = AdvisoryIndex.build([log4shell, nvdLog4j]);
    expect(index.size).toBe(2);
    const purlTarget = software('c', {
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    });
    const cpeTarget = software('c', { cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*' });
    expect(index.matchSoftware(cpeTarget)).toHaveLength(1);
    expect(index.remove('CVE-2021-44228')).toBe(1);
    expect(index.matchSoftware(cpeTarget)).toEqual([]);
    expect(index.matchSoftware(purlTarget)).toHaveLength(1);
    index.add({
      ...log4shell,
      packages: [
        pkg('pkg:maven/org.apache.logging.log4j/log4j-core', {
          scheme: 'maven',
          versions: ['2.0'],
        }),
      ],
    });
    expect(index.size).toBe(1);
    expect(index.matchSoftware(purlTarget)).toEqual([]);
    expect(index.remove('nope')).toBe(0);
    index.add(nvdLog4j);
    expect(index.matchSoftware(cpeTarget)).toHaveLength(1);
  });
});
