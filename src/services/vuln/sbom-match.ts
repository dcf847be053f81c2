/**
 * Matching one SBOM on its own, without touching the inventory: for a device maker's build
 * pipeline, or a hospital checking an SBOM before the device arrives. Advisories come from a feed
 * bundle read in memory or from the store; each match is ranked as a finding would be, for an
 * asset of the stated patient-safety impact in the stated kind of zone.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { WardlineError } from '../../domain/errors.js';
import type { PatientSafetyImpact, ZoneKind } from '../../domain/inventory.js';
import {
  vulnIdOf,
  type Advisory,
  type CvssScore,
  type EpssScore,
  type KevEntry,
} from '../../domain/vulnerability.js';
import { assessFinding, DEVICE_REF, type ComponentMatch } from '../../engines/vuln/assess.js';
import { AdvisoryIndex, type Match } from '../../engines/vuln/match/index.js';
import { collectSbom, type SbomReport } from '../../formats/sbom/index.js';
import { FEED_READERS } from '../feeds/feed-readers.js';
import { bundleEntries, openBundle } from '../feeds/read-bundle.js';

/** What matching needs: advisories and what ranks them. */
export interface AdvisorySource {
  readonly index: AdvisoryIndex;
  readonly advisoriesOf: (vulnId: string) => readonly Advisory[];
  readonly advisoryById: (id: string) => Advisory | undefined;
  readonly kev: (cveId: string) => { readonly ransomware: boolean } | null;
  readonly epss: (cveId: string) => number | null;
}

export interface SbomMatchOptions {
  readonly patientSafety: PatientSafetyImpact;
  readonly zoneKind: ZoneKind | null;
  readonly holdsEphi: boolean;
  readonly now: Date;
}

export interface SbomMatchRow {
  readonly component: {
    readonly ref: string;
    readonly name: string;
    readonly version: string | null;
    readonly purl: string | null;
    readonly cpe: string | null;
  };
  readonly advisory: string;
  readonly vulnId: string;
  readonly source: string | null;
  readonly kind: Match['kind'];
  readonly confidence: number;
  readonly status: Match['status'];
  readonly criterion: string;
  readonly range: string | null;
  readonly fixedVersion: string | null;
  readonly justification: string | null;
  readonly kev: boolean;
  readonly ransomware: boolean;
  readonly epss: number | null;
  readonly cvss: Pick<CvssScore, 'version' | 'vector' | 'baseScore' | 'severity'> | null;
  readonly ssvc: string;
  readonly priority: number;
  readonly explanation: string;
}

export interface SbomMatchReport {
  readonly sbom: string;
  readonly components: number;
  readonly advisories: number;
  readonly matches: readonly SbomMatchRow[];
  readonly diagnostics: number;
}

/** Reads a feed bundle into memory: advisories indexed, KEV and EPSS by CVE. */
export async function advisorySourceFromBundle(path: string): Promise<AdvisorySource> {
  const advisories: Advisory[] = [];
  const kev = new Map<string, KevEntry>();
  const epss = new Map<string, EpssScore>();
  for await (const entry of bundleEntries(await openBundle(path), FEED_READERS)) {
    if (entry.kind !== 'read') continue;
    const reading = await entry.read();
    advisories.push(...reading.advisories);
    for (const item of reading.kev ?? []) kev.set(item.cveId, item);
    for (const score of reading.epss?.scores ?? []) epss.set(score.cveId, score);
  }
  return advisorySourceOf(advisories, {
    kev: (id) => {
      const entry = kev.get(id);
      return entry === undefined ? null : { ransomware: entry.knownRansomwareCampaignUse };
    },
    epss: (id) => epss.get(id)?.epss ?? null,
  });
}

export function advisorySourceOf(
  advisories: readonly Advisory[],
  enrichment: Pick<AdvisorySource, 'kev' | 'epss'>,
): AdvisorySource {
  const byVuln = new Map<string, Advisory[]>();
  const byId = new Map<string, Advisory>();
  for (const advisory of advisories) {
    const vulnId = vulnIdOf(advisory);
    byVuln.set(vulnId, [...(byVuln.get(vulnId) ?? []), advisory]);
    byId.set(advisory.id, advisory);
  }
  return {
    index: AdvisoryIndex.build(advisories),
    advisoriesOf: (vulnId) => byVuln.get(vulnId) ?? [],
    advisoryById: (id) => byId.get(id),
    ...enrichment,
  };
}

function rowOf(
  entry: ComponentMatch,
  purl: string | null,
  cpe: string | null,
  source: AdvisorySource,
  options: SbomMatchOptions,
): SbomMatchRow {
  const { match } = entry;
  const advisory = source.advisoryById(match.advisoryId);
  const vulnId = advisory === undefined ? match.advisoryId : vulnIdOf(advisory);
  const kev = source.kev(vulnId);
  const epss = source.epss(vulnId);
  const candidate = assessFinding(
    {
      id: 'sbom',
      zoneKind: options.zoneKind,
      criticality: {
        patientSafety: options.patientSafety,
        holdsEphi: options.holdsEphi,
        overridden: true,
      },
    },
    { vulnId, advisories: source.advisoriesOf(vulnId), kev, epss },
    [entry],
    options.now.toISOString(),
  );
  const cvss = candidate?.cvss ?? null;
  return {
    component: {
      ref: entry.component.ref,
      name: entry.component.name,
      version: entry.component.version,
      purl,
      cpe,
    },
    advisory: match.advisoryId,
    vulnId,
    source: advisory?.source ?? null,
    kind: match.kind,
    confidence: match.confidence,
    status: match.status,
    criterion: match.criterion,
    range: match.range,
    fixedVersion: match.fixedVersion,
    justification: match.justification,
    kev: kev !== null,
    ransomware: kev?.ransomware ?? false,
    epss,
    cvss:
      cvss === null
        ? null
        : {
            version: cvss.version,
            vector: cvss.vector,
            baseScore: cvss.baseScore,
            severity: cvss.severity,
          },
    ssvc: candidate?.decision ?? 'track',
    priority: candidate?.priority ?? 0,
    explanation: match.explanation,
  };
}

/** Matches of the device the SBOM describes (its maker's advisories about the model). */
function deviceRows(
  document: SbomReport['document'],
  source: AdvisorySource,
  options: SbomMatchOptions,
): SbomMatchRow[] {
  const device = document.primary;
  if (device === null) return [];
  const vendor =
    document.manufacturer ?? document.supplier ?? device.manufacturer ?? device.supplier;
  if (vendor === null) return [];
  const target = {
    ref: DEVICE_REF,
    vendor,
    model: device.name,
    firmware: device.version,
    serial: null,
  };
  const component = { ref: DEVICE_REF, name: device.name, version: device.version };
  return source.index
    .matchDevice(target)
    .map((match) => rowOf({ match, component }, null, null, source, options));
}

/** Every match of the SBOM's components (and of the device it describes), highest priority first. */
export async function matchSbomFile(
  path: string,
  source: AdvisorySource,
  options: SbomMatchOptions,
): Promise<SbomMatchReport> {
  const report = await collectSbom(createReadStream(path), { source: basename(path) });
  if (report.components.length === 0 && report.diagnostics.some((d) => d.severity === 'error')) {
    const first = report.diagnostics.find((d) => d.severity === 'error');
    throw new WardlineError(
      'WL_SBOM_UNREADABLE',
      `${basename(path)}: ${first?.message ?? 'unreadable'}`,
    );
  }
  const rows: SbomMatchRow[] = [];
  for (const [i, component] of report.components.entries()) {
    const ref = component.ref ?? `#${String(i)}`;
    const cpe = component.cpes[0] ?? null;
    const target = {
      ref,
      name: component.name,
      version: component.version,
      supplier: component.supplier ?? component.manufacturer,
      purl: component.purl,
      cpe,
    };
    for (const match of source.index.matchSoftware(target)) {
      rows.push(rowOf({ match, component: target }, component.purl, cpe, source, options));
    }
  }
  rows.push(...deviceRows(report.document, source, options));
  rows.sort((a, b) => b.priority - a.priority || a.vulnId.localeCompare(b.vulnId));
  return {
    sbom: basename(path),
    components: report.components.length,
    advisories: source.index.size,
    matches: rows,
    diagnostics: report.diagnostics.length,
  };
}
