/**
 * What Wardline knows about vulnerabilities, written out for others: CycloneDX VEX (each
 * vulnerability's status per component) or VDR (the vulnerabilities found), CSAF VEX (statuses
 * per device model), and CSV for spreadsheets — for one device model (vendor and model) or the
 * whole fleet.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../../domain/errors.js';
import type { Finding, FindingStatus } from '../../domain/vulnerability.js';
import { isActiveFindingStatus } from '../../domain/vulnerability.js';
import { writeCsafVex, type CsafVexStatement } from '../../formats/csaf/index.js';
import {
  writeCycloneDxVex,
  type VexAnalysis,
  type VexComponent,
  type VexVulnerability,
} from '../../formats/cyclonedx/vex.js';
import { writeCsvRows } from '../../formats/csv/write.js';
import { advisoriesForVuln } from '../../store/feed-repo.js';
import { listFindings } from '../../store/finding-repo.js';
import type { Database } from '../../store/schema.js';

export const EXPORT_FORMATS = ['cyclonedx-vex', 'cyclonedx-vdr', 'csaf-vex', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  readonly format: ExportFormat;
  /** Both or neither: one device model; neither: the whole fleet. */
  readonly vendor?: string | undefined;
  readonly model?: string | undefined;
}

export interface ExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: string;
}

const MAX_EXPORTED_FINDINGS = 100_000;
const PAGE = 500;

async function findingsFor(
  db: Kysely<Database>,
  request: ExportRequest,
  now: string,
): Promise<Finding[]> {
  const assetIds =
    request.vendor === undefined
      ? null
      : new Set(
          (
            await db
              .selectFrom('assets')
              .select('id')
              .where((eb) =>
                eb(eb.fn('lower', ['vendor']), '=', request.vendor?.toLowerCase() ?? ''),
              )
              .where((eb) => eb(eb.fn('lower', ['model']), '=', request.model?.toLowerCase() ?? ''))
              .execute()
          ).map((row) => row.id),
        );
  const found: Finding[] = [];
  for (let offset = 0; offset < MAX_EXPORTED_FINDINGS; offset += PAGE) {
    const page = await listFindings(db, { limit: PAGE, offset, sort: 'vulnerability' }, now);
    found.push(...page.items.filter((f) => assetIds === null || assetIds.has(f.assetId)));
    if (page.items.length < PAGE) break;
  }
  return found;
}

/** CycloneDX analysis for a finding's status (the worst status among the assets wins). */
function analysisOf(statuses: readonly Finding[]): VexAnalysis {
  const active = statuses.find((f) => isActiveFindingStatus(f.status));
  if (active !== undefined) {
    return {
      state: active.status === 'open' ? 'in_triage' : 'exploitable',
      detail: active.statusNote,
    };
  }
  const excepted = statuses.find((f) => f.status === 'mitigated' || f.status === 'risk_accepted');
  if (excepted !== undefined) {
    return {
      state: 'exploitable',
      response: excepted.status === 'mitigated' ? ['workaround_available'] : ['will_not_fix'],
      detail: excepted.statusNote,
    };
  }
  const cleared = statuses.find((f) => f.status === 'not_affected');
  if (cleared !== undefined) {
    return {
      state: 'not_affected',
      justification: cleared.vex?.justification ?? null,
      detail: cleared.vex?.statement ?? cleared.statusNote,
    };
  }
  return { state: 'resolved', detail: 'Fixed and verified by a later scan.' };
}

function componentsOf(findings: readonly Finding[]): Map<string, VexComponent> {
  const components = new Map<string, VexComponent>();
  for (const finding of findings) {
    for (const match of finding.matches) {
      const bomRef = `${match.component}@${match.version ?? ''}`;
      if (!components.has(bomRef)) {
        components.set(bomRef, {
          bomRef,
          name: match.component,
          version: match.version,
          purl:
            match.kind === 'purl' && match.version !== null
              ? `${match.criterion}@${match.version}`
              : null,
          cpe: null,
        });
      }
    }
  }
  return components;
}

function byVuln(findings: readonly Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    grouped.set(finding.vulnId, [...(grouped.get(finding.vulnId) ?? []), finding]);
  }
  return grouped;
}

async function cycloneDx(
  db: Kysely<Database>,
  findings: readonly Finding[],
  request: ExportRequest,
  now: string,
): Promise<string> {
  const components = componentsOf(findings);
  const vulnerabilities: VexVulnerability[] = [];
  for (const [vulnId, list] of byVuln(findings)) {
    if (request.format === 'cyclonedx-vdr' && list.every((f) => f.status === 'not_affected'))
      continue;
    const advisories = await advisoriesForVuln(db, vulnId);
    const refs = new Set(
      list.flatMap((f) => f.matches.map((m) => `${m.component}@${m.version ?? ''}`)),
    );
    const fixed = list.map((f) => f.fixedVersion).find((v) => v !== null);
    vulnerabilities.push({
      id: vulnId,
      source: advisories[0] === undefined ? null : { name: advisories[0].source.toUpperCase() },
      ratings: advisories.flatMap((a) => a.cvss),
      cwes: [...new Set(advisories.flatMap((a) => a.cwes))],
      description: list[0]?.title ?? null,
      affects: [...refs].map((ref) => ({ ref })),
      analysis: analysisOf(list),
      recommendation: fixed === undefined ? null : `Update to ${fixed} or later.`,
    });
  }
  const subject =
    request.vendor === undefined
      ? { name: 'Fleet', bomRef: 'fleet' }
      : {
          name: `${request.vendor} ${request.model ?? ''}`.trim(),
          bomRef: 'device',
          type: 'device' as const,
        };
  return writeCycloneDxVex({
    now,
    subject,
    components: [...components.values()],
    vulnerabilities,
    kind: request.format === 'cyclonedx-vdr' ? 'vdr' : 'vex',
  });
}

const CSAF_STATUS: Readonly<Record<FindingStatus, CsafVexStatement['status']>> = {
  open: 'known_affected',
  in_progress: 'known_affected',
  reopened: 'known_affected',
  mitigated: 'known_affected',
  risk_accepted: 'known_affected',
  not_affected: 'known_not_affected',
  fixed: 'fixed',
  verified_fixed: 'fixed',
};

/** CSAF VEX needs a justification or an impact statement for every not-affected product. */
function notAffectedReason(
  list: readonly Finding[],
): Pick<CsafVexStatement, 'justification' | 'impactStatement'> {
  const cleared = list.find((f) => f.status === 'not_affected');
  const justification = cleared?.vex?.justification ?? null;
  if (justification !== null) return { justification };
  return { impactStatement: cleared?.vex?.statement ?? cleared?.statusNote ?? 'Not affected.' };
}

function csafVex(findings: readonly Finding[], request: ExportRequest, now: string): string {
  const products = new Map<
    string,
    { productId: string; name: string; vendor?: string; version?: string }
  >();
  const productOf = (finding: Finding) => {
    const version = finding.matches.find((m) => m.ref === 'device')?.version ?? undefined;
    const key = `${finding.assetCategory}|${version ?? ''}`;
    let product = products.get(key);
    if (product === undefined) {
      product = {
        productId: `WLP-${String(products.size + 1)}`,
        name: request.model ?? finding.assetCategory,
        ...(request.vendor === undefined ? {} : { vendor: request.vendor }),
        ...(version === undefined ? {} : { version }),
      };
      products.set(key, product);
    }
    return product.productId;
  };
  const statements: CsafVexStatement[] = [];
  for (const [vulnId, list] of byVuln(findings)) {
    const byStatus = new Map<CsafVexStatement['status'], Set<string>>();
    for (const finding of list) {
      const status = CSAF_STATUS[finding.status];
      byStatus.set(status, (byStatus.get(status) ?? new Set()).add(productOf(finding)));
    }
    for (const [status, ids] of byStatus) {
      statements.push({
        vulnerabilityId: vulnId,
        status,
        productIds: [...ids],
        ...(status === 'known_not_affected' ? notAffectedReason(list) : {}),
      });
    }
  }
  return writeCsafVex({
    publisher: { name: 'Wardline', namespace: 'https://wardline.invalid', category: 'user' },
    trackingId: `WL-VEX-${now.slice(0, 10)}`,
    title:
      request.vendor === undefined
        ? 'Vulnerability status of the fleet'
        : `Vulnerability status of ${request.vendor} ${request.model ?? ''}`.trim(),
    now,
    products: [...products.values()],
    statements,
  });
}

function csv(findings: readonly Finding[]): string {
  const header = [
    'vulnerability',
    'title',
    'asset',
    'category',
    'zone',
    'site',
    'owner',
    'status',
    'decision',
    'priority',
    'kev',
    'ransomware',
    'epss',
    'cvss',
    'match kind',
    'confidence',
    'components',
    'fixed version',
    'first seen',
    'due',
    'overdue',
  ];
  const rows = findings.map((f) => [
    f.vulnId,
    f.title ?? '',
    f.assetName,
    f.assetCategory,
    f.zoneName ?? '',
    f.siteName ?? '',
    f.owner ?? '',
    f.status,
    f.decision,
    f.priority.toFixed(1),
    f.kev ? 'yes' : 'no',
    f.ransomware ? 'yes' : 'no',
    f.epss === null ? '' : f.epss.toFixed(4),
    f.cvssScore === null ? '' : f.cvssScore.toFixed(1),
    f.matchKind,
    f.confidence.toFixed(2),
    f.matches.map((m) => `${m.component} ${m.version ?? ''}`.trim()).join('; '),
    f.fixedVersion ?? '',
    f.firstSeen,
    f.dueAt,
    f.overdue ? 'yes' : 'no',
  ]);
  return writeCsvRows([header, ...rows]);
}

export async function exportFindings(
  db: Kysely<Database>,
  request: ExportRequest,
  now: Date,
): Promise<ExportFile> {
  if ((request.vendor === undefined) !== (request.model === undefined)) {
    throw new WardlineError('WL_REQUEST_INVALID', 'vendor and model go together.');
  }
  const at = now.toISOString();
  const findings = await findingsFor(db, request, at);
  const stem =
    request.vendor === undefined
      ? 'fleet'
      : `${request.vendor}-${request.model ?? ''}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  switch (request.format) {
    case 'cyclonedx-vex':
    case 'cyclonedx-vdr':
      return {
        fileName: `${stem}.${request.format === 'cyclonedx-vex' ? 'vex' : 'vdr'}.cdx.json`,
        contentType: 'application/vnd.cyclonedx+json',
        body: await cycloneDx(db, findings, request, at),
      };
    case 'csaf-vex':
      return {
        fileName: `${stem}.csaf-vex.json`,
        contentType: 'application/json',
        body: csafVex(findings, request, at),
      };
    case 'csv':
      return { fileName: `${stem}-findings.csv`, contentType: 'text/csv', body: csv(findings) };
  }
}
