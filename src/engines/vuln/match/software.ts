/**
 * Matching one piece of software: by purl, by CPE, and — only when it has neither — by name,
 * version and supplier against CPE product names.
 */
import {
  CPE_ANY,
  comparableVersion,
  cpeTarget,
  evaluateConfiguration,
  patternCovers,
  quoteValue,
  unquoteValue,
  type CpeName,
  type CpeTarget,
} from '../cpe/index.js';
import { tryCompareVersions } from '../versions/index.js';
import { CpeCandidate, NameCandidate, PurlCandidate, type NameFit } from './candidates.js';
import { cpeKey } from './compile.js';
import { MAX_PLATFORM_CPES } from './limits.js';
import { normalizeProduct, vendorsAgree } from './normalize.js';
import { ALL_VERSIONS, LISTED, NO_HIT, VersionProbe, probeHit, ruleHit } from './rule.js';
import type { MatchCollector } from './select.js';
import { targetCpe, targetPurl } from './targets.js';
import type { CpeEntry, MatchTarget } from './types.js';
import type { IndexView } from './view.js';

export { PLATFORM_PENALTY } from './candidates.js';

export function matchPackages(view: IndexView, target: MatchTarget, out: MatchCollector): void {
  if (target.purl === null) return;
  const parts = targetPurl(target.purl);
  if (parts === null) return;
  const entries = view.packages.get(parts.key);
  if (entries === undefined) return;
  const version = target.version ?? parts.version;
  const probe = new VersionProbe(version);
  for (const entry of entries) {
    const hit = probeHit(entry.rule, probe);
    if (hit === NO_HIT) continue;
    out.offer(entry.slot, new PurlCandidate(view, target, entry, hit, version));
  }
}

/** The target's CPE, with the component's version filled in when the CPE leaves it ANY. */
function targetName(target: MatchTarget): CpeName | null {
  if (target.cpe === null) return null;
  const name = targetCpe(target.cpe);
  if (name === null) return null;
  if (name.version !== CPE_ANY || target.version === null) return name;
  const version = quoteValue(target.version);
  return version === null ? name : { ...name, version };
}

/** One target CPE, read once per call, with the platform names parsed when first needed. */
class CpeQuery {
  readonly values: CpeTarget;
  readonly probe: VersionProbe;
  private platform: CpeName[] | null = null;

  constructor(
    readonly view: IndexView,
    readonly target: MatchTarget,
    readonly name: CpeName,
  ) {
    this.values = cpeTarget(name);
    this.probe = new VersionProbe(comparableVersion(name));
  }

  /** The target's name and its platform's names; null when the caller gave no platform. */
  platformNames(): CpeName[] | null {
    const platformCpes = this.target.platformCpes;
    if (platformCpes === undefined) return null;
    if (this.platform === null) {
      const names: CpeName[] = [this.name];
      for (const text of platformCpes.slice(0, MAX_PLATFORM_CPES)) {
        const parsed = targetCpe(text);
        if (parsed !== null) names.push(parsed);
      }
      this.platform = names;
    }
    return this.platform;
  }
}

/** Whether the rest of a configuration holds: null when it cannot be checked. */
function configurationHolds(entry: CpeEntry, query: CpeQuery): boolean | null {
  if (entry.configuration === null) return true;
  const names = query.platformNames();
  return names === null ? null : evaluateConfiguration(entry.configuration, names).matched;
}

function offerCpe(entry: CpeEntry, query: CpeQuery, out: MatchCollector): void {
  if (!patternCovers(entry.pattern, query.values)) return;
  const hit = probeHit(entry.rule, query.probe);
  if (hit === NO_HIT) return;
  const holds = configurationHolds(entry, query);
  if (holds === false) return;
  // A vendor's "not affected" or "fixed" is only worth stating when it surely applies.
  if (holds === null && entry.statement.status !== 'affected') return;
  const exact = hit === ALL_VERSIONS || hit === LISTED;
  const { view, target, probe } = query;
  out.offer(
    entry.slot,
    new CpeCandidate(view, target, entry, hit, probe.text, holds === null, exact),
  );
}

export function matchCpes(view: IndexView, target: MatchTarget, out: MatchCollector): void {
  const name = targetName(target);
  if (name === null) return;
  const query = new CpeQuery(view, target, name);
  // A wild-carded target is covered by no criterion.
  if (query.values.wildcarded) return;
  const key = cpeKey(name);
  const entries = key === null ? undefined : view.cpes.get(key);
  if (key !== null && entries !== undefined) {
    // Only the entries whose range does not end below the version, in their own order.
    const order = view.cpes.endOrder(key, entries);
    const positions = view.cpes.scratch(entries.length);
    const value = query.values.values[3] ?? CPE_ANY;
    const count = order.candidates(value, query.probe.as('generic'), positions);
    for (let i = 0; i < count; i++) {
      const entry = entries[positions[i] ?? 0];
      if (entry !== undefined) offerCpe(entry, query, out);
    }
  }
  for (const entry of view.cpeFallback) offerCpe(entry, query, out);
}

function fuzzyVersionHit(entry: CpeEntry, version: string): NameFit | null {
  if (entry.exactVersion !== null) {
    return tryCompareVersions('generic', version, entry.exactVersion) === 0 ? 'exact' : null;
  }
  const hit = ruleHit(entry.rule, version);
  if (hit === NO_HIT) return null;
  return hit === ALL_VERSIONS ? 'all' : 'range';
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
    if (how === null) continue;
    const hit = how === 'range' ? ruleHit(entry.rule, version) : NO_HIT;
    out.offer(entry.slot, new NameCandidate(view, target, entry, how, hit, version));
  }
}
