import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import type { KevEntry } from '../../domain/vulnerability.js';
import { inPieces } from '../cve/test-helpers.js';
import { parseKev } from './parse.js';
import { writeKev } from './write.js';

const source = 'kev.json';

const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  cveID: 'CVE-2021-44228',
  vendorProject: 'Apache',
  product: 'Log4j2',
  vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
  dateAdded: '2021-12-10',
  shortDescription: 'JNDI features do not protect against attacker-controlled endpoints.',
  requiredAction: 'Apply updates.',
  dueDate: '2021-12-24',
  knownRansomwareCampaignUse: 'Known',
  notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
  cwes: ['CWE-20', 'CWE-400'],
  ...overrides,
});

const catalog = (entries: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2025.08.25',
    dateReleased: '2025-08-25T17:04:19.9796Z',
    count: entries.length,
    vulnerabilities: entries,
    ...extra,
  });

describe('parseKev', () => {
  it('reads the header and maps an entry, Known ransomware use as true', async () => {
    const kev = await parseKev(inPieces(catalog([entry()]), 7), { source });
    expect(kev.catalogVersion).toBe('2025.08.25');
    expect(kev.dateReleased).toBe('2025-08-25T17:04:19.9796Z');
    expect(kev.diagnostics).toEqual([]);
    expect(kev.entries).toEqual<KevEntry[]>([
      {
        cveId: 'CVE-2021-44228',
        vendorProject: 'Apache',
        product: 'Log4j2',
        name: 'Apache Log4j2 Remote Code Execution Vulnerability',
        dateAdded: '2021-12-10',
        description: 'JNDI features do not protect against attacker-controlled endpoints.',
        requiredAction: 'Apply updates.',
        dueDate: '2021-12-24',
        knownRansomwareCampaignUse: true,
        notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        cwes: ['CWE-20', 'CWE-400'],
      },
    ]);
  });

  it('reads the header after the list too (member order is free)', async () => {
    const text = `{"vulnerabilities":[${JSON.stringify(entry())}],"catalogVersion":"x","count":1}`;
    const kev = await parseKev(text, { source });
    expect(kev.catalogVersion).toBe('x');
    expect(kev.entries).toHaveLength(1);
  });

  it('skips entries with a bad cveID or bad dates and keeps the rest', async () => {
    const kev = await parseKev(
      catalog([
        entry({ cveID: 'CVE-21-1' }),
        entry({ cveID: undefined }),
        entry({ cveID: 'CVE-2020-0001', dateAdded: '2021-02-30' }),
        entry({ cveID: 'CVE-2020-0002', dueDate: 20211224 }),
        42,
        entry({ cveID: 'CVE-2020-12345', knownRansomwareCampaignUse: 'Unknown' }),
      ]),
      { source },
    );
    expect(kev.entries.map((e) => [e.cveId, e.knownRansomwareCampaignUse])).toEqual([
      ['CVE-2020-12345', false],
    ]);
    expect(kev.diagnostics.map((d) => d.code)).toEqual(Array(5).fill('WL_KEV_ENTRY_INVALID'));
    expect(kev.diagnostics.every((d) => d.source === source && d.offset > 0)).toBe(true);
  });

  it('keeps an entry with odd values and reports each', async () => {
    const kev = await parseKev(
      catalog([
        entry({ knownRansomwareCampaignUse: 'Maybe', cwes: ['CWE-79', 'XSS'], notes: undefined }),
        entry({ cveID: 'CVE-2021-44228' }),
      ]),
      { source },
    );
    expect(kev.entries).toHaveLength(1);
    expect(kev.entries[0]).toMatchObject({
      knownRansomwareCampaignUse: false,
      cwes: ['CWE-79'],
      notes: '',
    });
    expect(kev.diagnostics.map((d) => d.code)).toEqual([
      'WL_KEV_VALUE_INVALID',
      'WL_KEV_VALUE_INVALID',
      'WL_KEV_DUPLICATE',
    ]);
  });

  it('reports a count that differs from the list', async () => {
    const kev = await parseKev(catalog([entry()], { count: 3 }), { source });
    expect(kev.diagnostics).toMatchObject([{ code: 'WL_KEV_COUNT_MISMATCH', severity: 'warning' }]);
  });

  it('refuses a __proto__ key and skips only the entry holding it', async () => {
    const poisoned = `{"cveID":"CVE-2020-0003","__proto__":{"polluted":1}}`;
    const text = `{"vulnerabilities":[${poisoned},${JSON.stringify(entry())}]}`;
    const kev = await parseKev(text, { source });
    expect(kev.entries.map((e) => e.cveId)).toEqual(['CVE-2021-44228']);
    expect(kev.diagnostics.map((d) => d.code)).toEqual(['WL_KEV_POISONED_KEY']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps the entries before a truncation and says so', async () => {
    const text = catalog([entry(), entry({ cveID: 'CVE-2020-0004' })]);
    const kev = await parseKev(text.slice(0, text.indexOf('CVE-2020-0004') + 20), { source });
    expect(kev.entries.map((e) => e.cveId)).toEqual(['CVE-2021-44228']);
    expect(kev.diagnostics.map((d) => d.code)).toContain('WL_KEV_TRUNCATED');
  });

  it('throws WL_IMPORT_UNREADABLE only for input that is not a JSON object', async () => {
    await expect(parseKev('cve,epss\n', { source })).rejects.toBeInstanceOf(WardlineError);
    await expect(parseKev('[1,2]', { source })).rejects.toMatchObject({
      code: 'WL_IMPORT_UNREADABLE',
    });
    const empty = await parseKev('{}', { source });
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['WL_KEV_CATALOG_INVALID']);
  });

  it('writeKev writes what parseKev reads back', async () => {
    const first = await parseKev(catalog([entry()]), { source });
    const text = writeKev(first.entries, {
      catalogVersion: '1',
      dateReleased: '2025-01-01T00:00:00Z',
    });
    const again = await parseKev(text, { source });
    expect(again.entries).toEqual(first.entries);
    expect(again.diagnostics).toEqual([]);
    expect(JSON.parse(text)).toMatchObject({ count: 1, catalogVersion: '1' });
  });
});
