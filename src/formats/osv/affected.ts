/**
 * One OSV `affected[]` entry into a `PackageCriterion`: the package's purl and scheme, its SEMVER
 * and ECOSYSTEM ranges as bounds, its listed versions, the versions that fix it. A GIT range is
 * recorded as `gitOnly` when nothing else says which versions are affected.
 */
import type { PackageCriterion, VersionBounds, VersionScheme } from '../../domain/vulnerability.js';
import type { RecordContext } from './diagnostics.js';
import { MAX_OSV_RANGES, MAX_OSV_SHORT_TEXT, MAX_OSV_VERSIONS } from './limits.js';
import { basePurl, purlFromEcosystem, purlType } from './purl.js';
import { pairEvents, readEvents, sortEvents } from './ranges.js';
import type { OsvVersionRules } from './types.js';
import { arrayAt, isObject, member, shortText, type PlainObject } from './values.js';

interface PackageIdentity {
  readonly purl: string;
  readonly ecosystem: string | null;
}

/** The criterion, or null (reported) when the entry names no package Wardline can identify. */
export function readAffected(
  entry: unknown,
  ctx: RecordContext,
  path: string,
  rules: OsvVersionRules,
): PackageCriterion | null {
  if (!isObject(entry)) {
    ctx.report('WL_OSV_VALUE_INVALID', 'warning', path, 'not an object; ignored');
    return null;
  }
  const identity = readPackage(member(entry, 'package'), ctx, `${path}.package`);
  if (identity === null) return null;
  const ranges = arrayAt(entry, 'ranges');
  const scheme = schemeFor(identity, ranges, rules);
  const bounds: VersionBounds[] = [];
  const fixedVersions = new Set<string>();
  let sawGit = false;
  if (ranges.length > MAX_OSV_RANGES) {
    ctx.report(
      'WL_OSV_LIMIT_EXCEEDED',
      'warning',
      `${path}.ranges`,
      `more than ${MAX_OSV_RANGES}; rest ignored`,
    );
  }
  for (const [index, range] of ranges.slice(0, MAX_OSV_RANGES).entries()) {
    const at = `${path}.ranges[${index}]`;
    const type = isObject(range) ? member(range, 'type') : undefined;
    if (type === 'GIT') sawGit = true;
    else if (isObject(range) && (type === 'SEMVER' || type === 'ECOSYSTEM')) {
      bounds.push(...readRange(range, scheme, ctx, at, rules, fixedVersions));
    } else {
      ctx.report(
        'WL_OSV_VALUE_INVALID',
        'warning',
        at,
        'range type not GIT, SEMVER or ECOSYSTEM; ignored',
      );
    }
  }
  const versions = readVersions(entry, ctx, path);
  return {
    purl: identity.purl,
    ecosystem: identity.ecosystem,
    scheme,
    bounds,
    versions,
    fixedVersions: [...fixedVersions],
    gitOnly: sawGit && bounds.length === 0 && versions.length === 0,
  };
}

function readPackage(value: unknown, ctx: RecordContext, path: string): PackageIdentity | null {
  if (!isObject(value)) {
    ctx.report('WL_OSV_PACKAGE_UNKNOWN', 'warning', path, 'no package; entry ignored');
    return null;
  }
  const ecosystem = shortText(member(value, 'ecosystem'));
  const name = shortText(member(value, 'name'));
  const given = shortText(member(value, 'purl'), MAX_OSV_SHORT_TEXT * 2);
  let purl = given === null ? null : basePurl(given);
  if (given !== null && purl === null) {
    ctx.report(
      'WL_OSV_PURL_INVALID',
      'warning',
      `${path}.purl`,
      'unreadable purl; built from ecosystem and name',
    );
  }
  purl ??= ecosystem !== null && name !== null ? purlFromEcosystem(ecosystem, name) : null;
  if (purl === null) {
    const what = `${ecosystem ?? '(no ecosystem)'} ${JSON.stringify(name ?? '')}`.slice(0, 200);
    ctx.report('WL_OSV_PACKAGE_UNKNOWN', 'warning', path, `no purl for ${what}; entry ignored`);
    return null;
  }
  return { purl, ecosystem };
}

function schemeFor(
  identity: PackageIdentity,
  ranges: readonly unknown[],
  rules: OsvVersionRules,
): VersionScheme {
  const scheme =
    identity.ecosystem !== null
      ? rules.schemeOfOsvEcosystem(identity.ecosystem)
      : rules.schemeOfPurlType(purlType(identity.purl));
  // A SEMVER range is semver whatever the ecosystem (OSV spec, `SEMVER` type).
  const semverRange = ranges.some((r) => isObject(r) && member(r, 'type') === 'SEMVER');
  return scheme === 'generic' && semverRange ? 'semver' : scheme;
}

function readRange(
  range: PlainObject,
  scheme: VersionScheme,
  ctx: RecordContext,
  path: string,
  rules: OsvVersionRules,
  fixedVersions: Set<string>,
): VersionBounds[] {
  const events = readEvents(arrayAt(range, 'events'), ctx, `${path}.events`);
  for (const event of events) if (event.kind === 'fixed') fixedVersions.add(event.version);
  const sorted = sortEvents(events, scheme, rules);
  if (sorted === null) {
    ctx.report(
      'WL_OSV_RANGE_UNORDERED',
      'warning',
      path,
      `a version is not ${scheme}; events kept in the order given`,
    );
  }
  return pairEvents(sorted ?? events);
}

function readVersions(entry: PlainObject, ctx: RecordContext, path: string): string[] {
  const listed = arrayAt(entry, 'versions');
  if (listed.length > MAX_OSV_VERSIONS) {
    ctx.report(
      'WL_OSV_LIMIT_EXCEEDED',
      'warning',
      `${path}.versions`,
      `more than ${MAX_OSV_VERSIONS}; rest ignored`,
    );
  }
  const versions: string[] = [];
  for (const version of listed.slice(0, MAX_OSV_VERSIONS)) {
    const text = shortText(version);
    if (text !== null && text !== '') versions.push(text);
  }
  if (versions.length < Math.min(listed.length, MAX_OSV_VERSIONS)) {
    ctx.report(
      'WL_OSV_VALUE_INVALID',
      'warning',
      `${path}.versions`,
      'entries that are not strings ignored',
    );
  }
  return versions;
}
