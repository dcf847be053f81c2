/**
 * One NVD CVE API 2.0 `cve` object (https://nvd.nist.gov/developers/vulnerabilities, schema
 * `cve_api_json_2.0.schema`) mapped to an `Advisory` with source `nvd`.
 */
import type { Advisory, CvssVersion } from '../../domain/vulnerability.js';
import {
  CVE_ID,
  CriterionBudget,
  cappedText,
  configurationsOf,
  cvssOf,
  cwesOf,
  emptyAdvisory,
  englishText,
  referencesOf,
  statedCvss,
  utcTimestamp,
  type StatedCvss,
} from './advisory-parts.js';
import type { NvdOnlyCondition, RecordReport, SharedCondition } from './diagnostics.js';
import type { JsonObject, JsonValue } from './json-records.js';
import { memberOf, objectsAt, stringAt } from './json-values.js';

type Report = RecordReport<SharedCondition | NvdOnlyCondition>;

const METRIC_LISTS: readonly (readonly [string, CvssVersion])[] = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
];

/**
 * Maps one `cve` object. Null (reported) when it has no valid `id`. `fallbackId` names the CVE
 * when the object itself does not (Anchore's override files keep it in `_annotation.cve_id`).
 *
 * @example
 * mapNvdCve({ id: 'CVE-2022-1576', vulnStatus: 'Modified', published: '2022-07-11T13:15:08.503', metrics: { cvssMetricV31: [ … ] }, configurations: [ … ], … }, report)
 * // → { id: 'CVE-2022-1576', source: 'nvd', published: '2022-07-11T13:15:08.503Z', cvss: [{ version: '3.1', baseScore: 6.5, … }, { version: '2.0', baseScore: 4.3, … }], … }
 */
export function mapNvdCve(
  cve: JsonValue,
  report: Report,
  fallbackId: string | null = null,
): Advisory | null {
  const id = stringAt(cve, 'id') ?? fallbackId;
  if (id === null || !CVE_ID.test(id)) {
    report('ITEM_INVALID', 'error', 'A `cve` without a valid `id` is skipped.');
    return null;
  }
  const rejected = stringAt(cve, 'vulnStatus')?.toLowerCase() === 'rejected';
  const modified = utcTimestamp(memberOf(cve, 'lastModified'));
  const published = utcTimestamp(memberOf(cve, 'published'));
  return {
    ...emptyAdvisory(id, 'nvd'),
    summary: cappedText(englishText(objectsAt(cve, 'descriptions')), 'description', report),
    published,
    modified,
    // Rejected CVEs keep their last modification as the moment NVD rejected them.
    withdrawn: rejected ? (modified ?? published ?? new Date(0).toISOString()) : null,
    cvss: cvssOf(statedOf(memberOf(cve, 'metrics')), id, report),
    cwes: cwesOf(weaknessCandidates(cve)),
    references: referencesOf([objectsAt(cve, 'references')], report),
    cpeConfigurations: configurationsOf(
      objectsAt(cve, 'configurations'),
      new CriterionBudget(report),
      report,
    ),
  };
}

function statedOf(metrics: JsonValue | undefined): StatedCvss[] {
  const stated: StatedCvss[] = [];
  for (const [key, version] of METRIC_LISTS) {
    for (const metric of objectsAt(metrics, key)) {
      stated.push(statedCvss(version, memberOf(metric, 'cvssData'), stringAt(metric, 'source')));
    }
  }
  return stated;
}

function weaknessCandidates(cve: JsonValue): string[] {
  return objectsAt(cve, 'weaknesses').flatMap((weakness: JsonObject) =>
    objectsAt(weakness, 'description').map((description) => stringAt(description, 'value') ?? ''),
  );
}
