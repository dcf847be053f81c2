/**
 * The software candidates the collector chooses among (purl, CPE, name): kind, confidence and
 * status up front, the rest of the match written only for the one kept per advisory.
 */
import type { MatchKind } from '../../../domain/vulnerability.js';
import { unquoteValue } from '../cpe/index.js';
import { tryCompareVersions } from '../versions/index.js';
import { describeVersion, explain } from './explain.js';
import { hitFixedVersion, hitRangeText } from './rule.js';
import type { Candidate } from './select.js';
import type { CpeEntry, Match, MatchStatus, MatchTarget, PackageEntry } from './types.js';
import type { IndexView } from './view.js';

/** Confidence lost when a configuration's other conditions cannot be checked. */
export const PLATFORM_PENALTY = 0.2;
const PLATFORM_CAVEAT =
  'the advisory also requires a platform or other component that this component alone cannot show, so the confidence is lowered';

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

/** Same package key; version listed or within bounds. */
export class PurlCandidate implements Candidate {
  readonly kind = 'purl';
  readonly confidence = 1;
  readonly status: MatchStatus;

  constructor(
    private readonly view: IndexView,
    private readonly target: MatchTarget,
    private readonly entry: PackageEntry,
    private readonly hit: number,
    private readonly version: string | null,
  ) {
    this.status = entry.statement.status;
  }

  toMatch(): Match {
    const { entry, target, version } = this;
    const range = hitRangeText(entry.rule, this.hit, version);
    return {
      advisoryId: this.view.advisoryId(entry.slot),
      targetRef: target.ref,
      kind: 'purl',
      confidence: 1,
      criterion: entry.criterion,
      range,
      fixedVersion:
        hitFixedVersion(entry.rule, this.hit) ??
        firstFixedAbove(entry.rule.scheme, entry.fixedVersions, version),
      ...entry.statement,
      explanation: explain({
        subject: `${target.name} ${describeVersion(version)} (${target.purl ?? ''})`,
        rule: `matches purl ${entry.criterion}`,
        range,
        statement: entry.statement,
        caveat: null,
      }),
    };
  }
}

/** The criterion covers the target CPE; `uncertain` when its configuration could not be checked. */
export class CpeCandidate implements Candidate {
  readonly kind: MatchKind;
  readonly confidence: number;
  readonly status: MatchStatus;
  private readonly exactVersion: string | null;

  constructor(
    private readonly view: IndexView,
    private readonly target: MatchTarget,
    private readonly entry: CpeEntry,
    private readonly hit: number,
    private readonly version: string | null,
    private readonly uncertain: boolean,
    exact: boolean,
  ) {
    this.exactVersion = exact ? entry.exactVersion : null;
    const isExact = this.exactVersion !== null;
    this.kind = isExact ? 'cpe-exact' : 'cpe-range';
    this.confidence = (isExact ? 0.95 : 0.9) - (uncertain ? PLATFORM_PENALTY : 0);
    this.status = entry.statement.status;
  }

  toMatch(): Match {
    const { entry, target, version } = this;
    const range =
      this.exactVersion !== null
        ? `= ${this.exactVersion}`
        : hitRangeText(entry.rule, this.hit, version);
    return {
      advisoryId: this.view.advisoryId(entry.slot),
      targetRef: target.ref,
      kind: this.kind,
      confidence: this.confidence,
      criterion: entry.criterion,
      range,
      fixedVersion: hitFixedVersion(entry.rule, this.hit),
      ...entry.statement,
      explanation: explain({
        subject: `${target.name} ${describeVersion(version === null ? null : unquoteValue(version))} (${target.cpe ?? ''})`,
        rule: `matches CPE ${entry.criterion}`,
        range,
        statement: entry.statement,
        caveat: this.uncertain ? PLATFORM_CAVEAT : null,
      }),
    };
  }
}

/** How a name match's version fits: exact version, within bounds, every version. */
export type NameFit = 'exact' | 'range' | 'all';

/** Confidence of a name match: exact version, version within bounds, every version. */
const FUZZY_CONFIDENCE = { exact: 0.5, range: 0.45, all: 0.4 } as const;

/** Name, version and supplier resemble a CPE criterion's product and vendor. */
export class NameCandidate implements Candidate {
  readonly kind = 'name-fuzzy';
  readonly confidence: number;
  readonly status: MatchStatus;

  constructor(
    private readonly view: IndexView,
    private readonly target: MatchTarget,
    private readonly entry: CpeEntry,
    private readonly how: NameFit,
    private readonly hit: number,
    private readonly version: string,
  ) {
    const uncertain = entry.configuration !== null;
    this.confidence = Math.max(0.1, FUZZY_CONFIDENCE[how] - (uncertain ? PLATFORM_PENALTY : 0));
    this.status = entry.statement.status;
  }

  private range(): string | null {
    const { entry, how, version } = this;
    if (how === 'all') return null;
    if (how === 'exact') return `= ${entry.exactVersion ?? version}`;
    return hitRangeText(entry.rule, this.hit, version);
  }

  toMatch(): Match {
    const { entry, target } = this;
    const range = this.range();
    return {
      advisoryId: this.view.advisoryId(entry.slot),
      targetRef: target.ref,
      kind: 'name-fuzzy',
      confidence: this.confidence,
      criterion: entry.criterion,
      range,
      fixedVersion: null,
      ...entry.statement,
      explanation: explain({
        subject: `${target.name} ${this.version} from ${target.supplier ?? ''}, which has no purl or CPE,`,
        rule: `resembles CPE ${entry.criterion} by name and supplier`,
        range,
        statement: entry.statement,
        caveat: entry.configuration !== null ? PLATFORM_CAVEAT : null,
      }),
    };
  }
}
