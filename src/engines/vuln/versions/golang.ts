/**
 * Go module versions (https://go.dev/ref/mod#versions): strict semver with a `v` prefix, which
 * OSV's Go ecosystem drops (`1.6.0`), so both spellings are read. Pseudo-versions
 * (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`) are semver
 * pre-releases built so that semver precedence orders them by base version then commit time;
 * `+incompatible` is build metadata and does not count (`v2.0.0+incompatible` = `v2.0.0`). Go's
 * shorthand `v1` and `v1.2` mean `v1.0.0` and `v1.2.0`.
 */
import type { SemVer } from 'semver';
import type { VersionOrder } from './order.js';
import { readSemver } from './semver.js';

const SHORTHAND = /^\d{1,16}(?:\.\d{1,16})?$/;

function parseGo(version: string): SemVer | null {
  const bare = version.startsWith('v') ? version.slice(1) : version;
  if (SHORTHAND.test(bare)) {
    return readSemver(bare.includes('.') ? `${bare}.0` : `${bare}.0.0`, false);
  }
  return readSemver(bare, false);
}

export const golangOrder: VersionOrder<SemVer> = {
  parse: parseGo,
  compare: (a, b) => a.compare(b),
};
