/**
 * From matches to a finding: the matches of one asset for one vulnerability (CVE, or the
 * advisory's own id) become one candidate finding with its priority — the SSVC decision from what
 * is known of the vulnerability (KEV, EPSS, CISA's published points, CVSS) and of the asset (zone
 * exposure, clinical criticality) — and the reasons, in words, for where it ranks.
 */
import type { Criticality, ZoneKind } from '../../domain/inventory.js';
import {
  MATCH_KINDS,
  type Advisory,
  type CvssScore,
  type FindingMatch,
  type MatchKind,
  type Prioritization,
  type SsvcDecision,
  type VexStatement,
} from '../../domain/vulnerability.js';
import type { Match } from './match/index.js';
import { prioritize } from './priority/index.js';

export interface AssetContext {
  readonly id: string;
  readonly zoneKind: ZoneKind | null;
  readonly criticality: Criticality;
}

export interface VulnContext {
  readonly vulnId: string;
  /** Every advisory about it, from every source. */
  readonly advisories: readonly Advisory[];
  readonly kev: { readonly ransomware: boolean } | null;
  readonly epss: number | null;
}

/** A match with the component it was made on, as the asset's software list names it. */
export interface ComponentMatch {
  readonly match: Match;
  readonly component: {
    readonly ref: string;
    readonly name: string;
    readonly version: string | null;
  };
}

export interface Candidate {
  readonly vulnId: string;
  readonly title: string | null;
  readonly matches: readonly FindingMatch[];
  readonly matchKind: MatchKind;
  readonly confidence: number;
  /** Set when every match says the vendor declared the asset not affected. */
  readonly vex: VexStatement | null;
  readonly fixedVersion: string | null;
  readonly cvss: CvssScore | null;
  readonly decision: SsvcDecision;
  readonly priority: number;
  readonly prioritization: Prioritization;
  readonly kev: boolean;
  readonly ransomware: boolean;
  readonly epss: number | null;
}

const TITLE_LENGTH = 160;

/** The component ref matching uses for the device itself (make, model, firmware). */
export const DEVICE_REF = 'device';

/** A statement that products are not affected (a VEX), whose title names the product, not the flaw. */
function isVexOnly(advisory: Advisory): boolean {
  return (
    advisory.products.length > 0 &&
    advisory.products.every((p) => p.status === 'known_not_affected' || p.status === 'fixed')
  );
}

/**
 * A title people can scan: the advisory's own, or the first sentence of its summary; advisories
 * describing the flaw before vendors' not-affected statements.
 */
export function titleOf(all: readonly Advisory[]): string | null {
  return titleAmong(all.filter((a) => !isVexOnly(a))) ?? titleAmong(all.filter(isVexOnly));
}

function titleAmong(advisories: readonly Advisory[]): string | null {
  const titled = advisories.find((a) => a.title !== null && a.title.trim() !== '');
  if (titled?.title != null) return titled.title.trim().slice(0, TITLE_LENGTH);
  const summary = advisories.find((a) => a.summary !== null)?.summary?.trim();
  if (summary === undefined || summary === '') return null;
  const sentence = /^(.{20,}?[.!?])\s/.exec(summary)?.[1] ?? summary;
  return sentence.length > TITLE_LENGTH ? `${sentence.slice(0, TITLE_LENGTH - 1)}…` : sentence;
}

function kindRank(kind: MatchKind): number {
  return MATCH_KINDS.indexOf(kind);
}

function toFindingMatch(entry: ComponentMatch): FindingMatch {
  const { match, component } = entry;
  return {
    ref: component.ref,
    component: component.name,
    version: component.version,
    advisory: match.advisoryId,
    kind: match.kind,
    confidence: match.confidence,
    criterion: match.criterion,
    range: match.range,
    fixedVersion: match.fixedVersion,
    explanation: match.explanation,
  };
}

/**
 * One asset's candidate finding for one vulnerability, or null when nothing affects it (every
 * match says fixed). Matches the vendor declared not affected make a candidate carrying the VEX
 * statement, so the caller can close the finding with the vendor's reason.
 */
export function assessFinding(
  asset: AssetContext,
  vuln: VulnContext,
  matches: readonly ComponentMatch[],
  now: string,
): Candidate | null {
  const notAffected = matches.filter((m) => m.match.status === 'not_affected');
  // The device maker's statement that the device is not affected covers the components inside it
  // (their SBOM's libraries included): that is what a device VEX is for.
  const deviceCleared = notAffected.some((m) => m.component.ref === DEVICE_REF);
  const affected = deviceCleared
    ? []
    : matches.filter(
        (m) => m.match.status === 'affected' || m.match.status === 'under_investigation',
      );
  const counted = affected.length > 0 ? affected : notAffected;
  if (counted.length === 0) return null;
  const sorted = [...counted].sort(
    (a, b) =>
      kindRank(a.match.kind) - kindRank(b.match.kind) || b.match.confidence - a.match.confidence,
  );
  const best = sorted[0] as ComponentMatch;
  const vex: VexStatement | null =
    affected.length > 0
      ? null
      : {
          advisory: best.match.advisoryId,
          justification: best.match.justification,
          statement: best.match.impactStatement,
        };
  const ranked = prioritize({
    advisory: {
      cvss: vuln.advisories.flatMap((a) => a.cvss),
      ssvc: vuln.advisories.find((a) => a.ssvc !== null)?.ssvc ?? null,
    },
    kev: vuln.kev === null ? null : { knownRansomwareCampaignUse: vuln.kev.ransomware },
    epss: vuln.epss,
    asset: { criticality: asset.criticality, zoneKind: asset.zoneKind },
    // The due date is set by reconciliation, from when the finding was first seen.
    firstSeen: now,
    now,
  });
  const fixed = sorted.map((m) => m.match.fixedVersion).find((v) => v !== null) ?? null;
  return {
    vulnId: vuln.vulnId,
    title: titleOf(vuln.advisories),
    matches: sorted.map(toFindingMatch),
    matchKind: best.match.kind,
    confidence: best.match.confidence,
    vex,
    fixedVersion: fixed,
    cvss: ranked.cvss,
    decision: ranked.prioritization.decision,
    priority: ranked.priority,
    prioritization: ranked.prioritization,
    kev: vuln.kev !== null,
    ransomware: vuln.kev?.ransomware ?? false,
    epss: vuln.epss,
  };
}
