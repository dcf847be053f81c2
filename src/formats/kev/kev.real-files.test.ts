/**
 * The real CISA KEV catalog (cisagov/kev-data, 2025-08-25), read where it sits in the shared data
 * folder. Facts asserted here were read from the file by hand (grep).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../cve/test-helpers.js';
import { parseKev } from './parse.js';

const FILE = fileURLToPath(
  new URL('../../../../shared/data/cisa-kev/known_exploited_vulnerabilities.json', import.meta.url),
);
const present = existsSync(FILE);
const title = present
  ? 'the real KEV catalog from ../shared/data'
  : 'the real KEV catalog: SKIPPED, ../shared/data/cisa-kev is absent in this clone';

describe.skipIf(!present)(title, () => {
  it('reads every entry, the header, and the ransomware flags', async () => {
    const kev = await parseKev(fileChunks(FILE), {
      source: 'known_exploited_vulnerabilities.json',
    });
    expect(kev.diagnostics).toEqual([]);
    expect(kev.catalogVersion).toBe('2025.08.25');
    expect(kev.dateReleased).toBe('2025-08-25T17:04:19.9796Z');
    // `"count": 1404` in the file; 1404 `"cveID"` lines.
    expect(kev.entries).toHaveLength(1404);
    // 293 lines read `"knownRansomwareCampaignUse": "Known"`.
    expect(kev.entries.filter((e) => e.knownRansomwareCampaignUse)).toHaveLength(293);
    // 152 entries have `"cwes": []`.
    expect(kev.entries.filter((e) => e.cwes.length === 0)).toHaveLength(152);

    expect(kev.entries[0]).toMatchObject({
      cveId: 'CVE-2025-48384',
      vendorProject: 'Git',
      product: 'Git',
      name: 'Git Link Following Vulnerability',
      dateAdded: '2025-08-25',
      dueDate: '2025-09-15',
      knownRansomwareCampaignUse: false,
      cwes: ['CWE-59', 'CWE-436'],
    });
    expect(kev.entries.find((e) => e.cveId === 'CVE-2021-44228')).toMatchObject({
      vendorProject: 'Apache',
      product: 'Log4j2',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: true,
      notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    });
    expect(kev.entries.at(-1)).toMatchObject({
      cveId: 'CVE-2020-29583',
      vendorProject: 'Zyxel',
      product: 'Multiple Products',
      dueDate: '2022-05-03',
      cwes: ['CWE-522'],
    });
  });
});
