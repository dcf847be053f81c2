import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseOsv } from './index.js';
import { testVersionRules as versions } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('../../../../shared/data/osv/', import.meta.url));
const GO = join(ROOT, 'golang-vulndb/data/osv');
const PYPA = join(ROOT, 'pypa-advisory-database/vulns');
const present = existsSync(GO) && existsSync(PYPA);

function read(path: string) {
  return parseOsv(readFileSync(path, 'utf8'), { source: path, versions });
}

function only(path: string) {
  const { advisories, diagnostics } = read(path);
  expect(diagnostics).toEqual([]);
  expect(advisories).toHaveLength(1);
  return advisories[0]!;
}

describe.skipIf(!present)(
  `OSV real files${present ? '' : ' (SKIPPED: /work/shared/data/osv absent)'}`,
  () => {
    it('GO-2020-0001: gin, fixed in 1.6.0', () => {
      const advisory = only(join(GO, 'GO-2020-0001.json'));
      expect(advisory.aliases).toEqual(['CVE-2020-36567', 'GHSA-6vm3-jj99-7229']);
      expect(advisory.published).toBe('2021-04-14T20:04:52Z');
      expect(advisory.packages).toEqual([
        expect.objectContaining({
          purl: 'pkg:golang/github.com/gin-gonic/gin',
          ecosystem: 'Go',
          bounds: [
            {
              startIncluding: null,
              startExcluding: null,
              endIncluding: null,
              endExcluding: '1.6.0',
            },
          ],
          fixedVersions: ['1.6.0'],
        }),
      ]);
      expect(advisory.references.map((r) => r.tags[0])).toEqual(['FIX', 'FIX']);
    });

    it('GO-2020-0013 and GO-2021-0081: pseudo-version and +incompatible fixes kept as written', () => {
      const crypto = only(join(GO, 'GO-2020-0013.json'));
      expect(crypto.packages[0]!.purl).toBe('pkg:golang/golang.org/x/crypto');
      expect(crypto.packages[0]!.fixedVersions).toEqual(['0.0.0-20170330155735-e4e2799dd7aa']);
      const image = only(join(GO, 'GO-2021-0081.json'));
      expect(image.packages[0]!.fixedVersions).toEqual([
        '2.0.2-0.20190802080134-634605d06e73+incompatible',
      ]);
    });

    it('GO-2024-2447 is withdrawn', () => {
      expect(only(join(GO, 'GO-2024-2447.json')).withdrawn).toBe('2024-01-23T12:50:39Z');
    });

    it('PYSEC-2021-76 (YAML): aiohttp, git and ecosystem ranges, 210 versions listed', () => {
      const advisory = only(join(PYSEC('aiohttp'), 'PYSEC-2021-76.yaml'));
      expect(advisory.aliases).toEqual(['CVE-2021-21330', 'GHSA-v6wp-4m6f-gcjg']);
      expect(advisory.modified).toBe('2021-03-26T20:01:00Z');
      const pkg = advisory.packages[0]!;
      expect(pkg).toMatchObject({ purl: 'pkg:pypi/aiohttp', ecosystem: 'PyPI', gitOnly: false });
      expect(pkg.bounds).toEqual([
        { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: '3.7.4' },
      ]);
      expect(pkg.fixedVersions).toEqual(['3.7.4']);
      expect(pkg.versions).toHaveLength(210);
      expect(pkg.versions.slice(0, 5)).toEqual(['0.1', '0.2', '0.3', '0.4', '0.4.1']);
      expect(pkg.versions.at(-1)).toBe('3.7.3');
      expect(advisory.references).toHaveLength(7);
    });

    it('PYSEC-2022-42969 (py): last_affected 1.11.0', () => {
      const pkg = only(join(PYSEC('py'), 'PYSEC-2022-42969.yaml')).packages[0]!;
      expect(pkg.bounds).toEqual([
        { startIncluding: null, startExcluding: null, endIncluding: '1.11.0', endExcluding: null },
      ]);
      expect(pkg.versions[0]).toBe('0.8.0-alpha2');
    });

    it('PYSEC-2024-77 (mindsdb): CVSS 3.1 vector rescored to 8.8', () => {
      const advisory = only(join(PYSEC('mindsdb'), 'PYSEC-2024-77.yaml'));
      expect(advisory.cvss).toEqual([
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 8.8,
          severity: 'high',
          source: null,
        },
      ]);
      expect(advisory.modified).toBe('2024-09-16T19:20:04.616691Z');
    });

    it('reads every file of both databases with no error diagnostics', () => {
      const files = [
        ...readdirSync(GO)
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(GO, f)),
        ...readdirSync(PYPA, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .flatMap((entry) =>
            readdirSync(join(PYPA, entry.name))
              .filter((f) => f.endsWith('.yaml'))
              .map((f) => join(PYPA, entry.name, f)),
          ),
      ];
      expect(files.length).toBeGreaterThan(3000);
      let packages = 0;
      const errors: string[] = [];
      const start = performance.now();
      for (const file of files) {
        const { advisories, diagnostics } = read(file);
        if (advisories.length !== 1) errors.push(`${file}: ${advisories.length} advisories`);
        for (const d of diagnostics)
          if (d.severity !== 'info') errors.push(`${file}: ${d.code} ${d.message}`);
        packages += advisories[0]?.packages.length ?? 0;
      }
      const ms = performance.now() - start;
      expect(errors.slice(0, 10)).toEqual([]);
      expect(packages).toBeGreaterThan(files.length);
      console.log(`OSV: ${files.length} files, ${packages} packages in ${Math.round(ms)} ms`);
    }, 120_000);
  },
);

function PYSEC(name: string): string {
  return join(PYPA, name);
}
