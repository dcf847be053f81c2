/**
 * Matching one piece of software: by purl, by CPE, and — only when it has neither — by name,
 * version and supplier against CPE product names.
 */
import {
  CPE_ANY,
  CpeParseError,
  comparableVersion,
  cpeCovers,
  evaluateConfiguration,
  parseCpe,
  quoteValue,
  unquoteValue,
  type CpeName,
} from '../cpe/index.js';
import { tryCompareVersions } from '../versions/index.js';
import { cpeKey } from './compile.js';
import { describeVersion, explain } from './explain.js';
import { MAX_PLATFORM_CPES } from './limits.js';
import { normalizeProduct, purlParts, vendorsAgree } from './normalize.js';
import {
  ALL_VERSIONS,
  LISTED,
  NO_HIT,
  VersionProbe,
  hitFixedVersion,
  hitRangeText,
  probeHit,
  ruleHit,
} from './rule.js';
import type { MatchCollector } from './select.js';
import type { CpeEntry, Match, MatchTarget } from './types.js';
import type { IndexView } from './view.js';

/** Confidence lost when a configuration's other conditions cannot be checked. */
export const PLATFORM_PENALTY = 0.2;
const PLATFORM_CAVEAT =
  'the advisory also requires a platform or other component that this component alone cannot show, so the confidence is lowered';

export function matchPackages(view: IndexView, target: MatchTarget, out: MatchCollector): void {
  if (target.purl === null) return;
  const parts = purlParts(target.purl);
  if (parts === null) return;
  const entries = view.packages.get(parts.key);
  if (entries === undefined) return;
  const version = target.version ?? parts.version;
  const probe = new VersionProbe(version);
  for (const entry of entries) {
    const hit = probeHit(entry.rule, probe);
    if (hit === NO_HIT) continue;
    const range = hitRangeText(entry.rule, hit, version);
    out.offer(entry.slot, {
      advisoryId: view.advisoryId(entry.slot),
      targetRef: target.ref,
      kind: 'purl',
      confidence: 1,
      criterion: entry.criterion,
      range,
      fixedVersion:
        hitFixedVersion(entry.rule, hit) ??
        firstFixedAbove(entry.rule.scheme, entry.fixedVersions, version),
      ...entry.statement,
      explanation: explain({
        subject: `${target.name} ${describeVersion(version)} (${target.purl})`,
        rule: `matches purl ${entry.criterion}`,
        range,
        statement: entry.statement,
        caveat: null,
      }),
    });
  }
}

function firstFixedAbove(
  scheme: Parameters<typeof tryCompareVersions>[0],
  fixed: readonly string[],
  version: string | null,
): string | null {
  if (version === null) return fixed[0] ?? null;
  for (const candidate of fixed) {
    const order = tryCompareVersions(scheme, candidate, version);
    if (order !== null && order > 0) return candidate;
  }
  return null;
}

/** The target's CPE, with the component's version filled in when the CPE leaves it ANY. */
function targetName(target: MatchTarget): CpeName | null {
  if (target.cpe === null) return null;
  const name = parseCpe(target.cpe);
  if (name instanceof CpeParseError) return null;
  if (name.version !== CPE_ANY || target.version === null) return name;
  const version = quoteValue(target.version);
  return version === null ? name : { ...name, version };
}

/** Whether the rest of a configuration holds: null when it cannot be checked. */
function configurationHolds(entry: CpeEntry, name: CpeName, target: MatchTarget): boolean | null {
  if (entry.configuration === null) return true;
  if (target.platformCpes === undefined) return null;
  const names: CpeName[] = [name];
  for (const text of target.platformCpes.slice(0, MAX_PLATFORM_CPES)) {
    const parsed = parseCpe(text);
    if (!(parsed instanceof CpeParseError)) names.push(parsed);
  }
  return evaluateConfiguration(entry.configuration, names).matched;
}

function offerCpe(
  view: IndexView,
  entry: CpeEntry,
  name: CpeName,
  probe: VersionProbe,
  target: MatchTarget,
  out: MatchCollector,
): void {
  if (!cpeCovers(entry.name, name)) return;
  const version = probe.text;
  const hit = probeHit(entry.rule, probe);
  if (hit === NO_HIT) return;
  const holds = configurationHolds(entry, name, target);
  if (holds === false) return;
  // A vendor's "not affected" or "fixed" is only worth stating when it surely applies.
  if (holds === null && entry.statement.status !== 'affected') return;
  const exactVersion = hit === ALL_VERSIONS || hit === LISTED ? entry.exactVersion : null;
  const exact = exactVersion !== null;
  const range =
    exactVersion !== null ? `= ${exactVersion}` : hitRangeText(entry.rule, hit, version);
  out.offer(entry.slot, {
    advisoryId: view.advisoryId(entry.slot),
    targetRef: target.ref,
    kind: exact ? 'cpe-exact' : 'cpe-range',
    confidence: (exact ? 0.95 : 0.9) - (holds === null ? PLATFORM_PENALTY : 0),
    criterion: entry.criterion,
    range,
    fixedVersion: hitFixedVersion(entry.rule, hit),
    ...entry.statement,
    explanation: explain({
      subject: cpeSubject(target, version),
      rule: `matches CPE ${entry.criterion}`,
      range,
      statement: entry.statement,
      caveat: holds === null ? PLATFORM_CAVEAT : null,
    }),
  });
}

function cpeSubject(target: MatchTarget, version: string | null): string {
  return `${target.name} ${describeVersion(version === null ? null : unquoteValue(version))} (${target.cpe ?? ''})`;
}

export function matchCpes(view: IndexView, target: MatchTarget, out: MatchCollector): void {
  const name = targetName(target);
  if (name === null) return;
  const key = cpeKey(name);
  const entries = key === null ? undefined : view.cpes.get(key);
  const probe = new VersionProbe(comparableVersion(name));
  if (entries !== undefined)
    for (const entry of entries) offerCpe(view, entry, name, probe, target, out);
  for (const entry of view.cpeFallback) offerCpe(view, entry, name, probe, target, out);
}

/** Confidence of a name match: exact version, version within bounds, every version. */
const FUZZY_CONFIDENCE = { exact: 0.5, range: 0.45, all: 0.4 } as const;

function fuzzyVersionHit(entry: CpeEntry, version: string): 'exact' | 'range' | 'all' | null {
  if (entry.exactVersion !== null) {
    return tryCompareVersions('generic', version, entry.exactVersion) === 0 ? 'exact' : null;
  }
  const hit = ruleHit(entry.rule, version);
  if (hit === NO_HIT) return null;
  return hit === ALL_VERSIONS ? 'all' : 'range';
}

function fuzzyRange(
  entry: CpeEntry,
  how: 'exact' | 'range' | 'all',
  version: string,
): string | null {
  if (how === 'all') return null;
  if (how === 'exact') return `= ${entry.exactVersion ?? version}`;
  return hitRangeText(entry.rule, ruleHit(entry.rule, version), version);
}

/**
 * Name, version and supplier against CPE product names, only for software that has neither purl
 * nor CPE, and only when the supplier agrees with the CPE vendor.
 */
export function matchByName(view: IndexView, target: MatchTarget, out: MatchCollector): void {
  if (target.purl !== null || target.cpe !== null) return;
  const { supplier, version } = target;
  if (supplier === null || version === null) return;
  const entries = view.fuzzy.get(normalizeProduct(target.name));
  if (entries === undefined) return;
  let lastVendor = '';
  let lastAgrees = false;
  for (const entry of entries) {
    if (entry.statement.status !== 'affected') continue;
    if (entry.name.vendor !== lastVendor) {
      lastVendor = entry.name.vendor;
      lastAgrees = vendorsAgree(supplier, unquoteValue(lastVendor));
    }
    if (!lastAgrees) continue;
    const how = fuzzyVersionHit(entry, version);
    if (how !== null) out.offer(entry.slot, nameMatch(view, entry, target, how, version));
  }
}

function nameMatch(
  view: IndexView,
  entry: CpeEntry,
  target: MatchTarget,
  how: 'exact' | 'range' | 'all',
  version: string,
): Match {
  const uncertain = entry.configuration !== null;
  const range = fuzzyRange(entry, how, version);
  return {
    advisoryId: view.advisoryId(entry.slot),
    targetRef: target.ref,
    kind: 'name-fuzzy',
    confidence: Math.max(0.1, FUZZY_CONFIDENCE[how] - (uncertain ? PLATFORM_PENALTY : 0)),
    criterion: entry.criterion,
    range,
    fixedVersion: null,
    ...entry.statement,
    explanation: explain({
      subject: `${target.name} ${version} from ${target.supplier ?? ''}, which has no purl or CPE,`,
      rule: `resembles CPE ${entry.criterion} by name and supplier`,
      range,
      statement: entry.statement,
      caveat: uncertain ? PLATFORM_CAVEAT : null,
    }),
  };
}
