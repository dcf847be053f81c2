/**
 * CISA's SSVC decision points from a Vulnrichment ADP container: the metric
 * `{ other: { type: 'ssvc', content: { options: [{Exploitation}, {Automatable}, {Technical Impact}], timestamp } } }`
 * (https://github.com/cisagov/vulnrichment, SSVC 2.0.3).
 */
import {
  SSVC_EXPLOITATION,
  SSVC_TECHNICAL_IMPACT,
  type SsvcExploitation,
  type SsvcPublished,
  type SsvcTechnicalImpact,
} from '../../domain/vulnerability.js';
import type { CveOnlyCondition, RecordReport } from './diagnostics.js';
import type { JsonObject } from './json-records.js';
import { isJsonObject, memberOf, objectsAt, stringAt } from './json-values.js';
import { utcTimestamp } from './advisory-parts.js';

/** The first `ssvc` metric among the containers' metrics, or null. */
export function ssvcOf(
  containers: readonly JsonObject[],
  id: string,
  report: RecordReport<CveOnlyCondition>,
): SsvcPublished | null {
  for (const container of containers) {
    for (const metric of objectsAt(container, 'metrics')) {
      const other = memberOf(metric, 'other');
      if (stringAt(other, 'type') !== 'ssvc') continue;
      const ssvc = readSsvc(memberOf(other, 'content'));
      if (ssvc !== null) return ssvc;
      report(
        'SSVC_INVALID',
        'warning',
        `${id}: an SSVC metric lacks a valid Exploitation, Automatable or Technical Impact; it is ignored.`,
      );
    }
  }
  return null;
}

function readSsvc(content: ReturnType<typeof memberOf>): SsvcPublished | null {
  if (!isJsonObject(content)) return null;
  const options = new Map<string, string>();
  for (const option of objectsAt(content, 'options')) {
    for (const [key, value] of Object.entries(option)) {
      if (typeof value === 'string')
        options.set(key.trim().toLowerCase(), value.trim().toLowerCase());
    }
  }
  const exploitation = options.get('exploitation');
  const automatable = options.get('automatable');
  const impact = options.get('technical impact');
  if (!isExploitation(exploitation) || !isImpact(impact)) return null;
  if (automatable !== 'yes' && automatable !== 'no') return null;
  return {
    exploitation,
    automatable: automatable === 'yes',
    technicalImpact: impact,
    timestamp: utcTimestamp(memberOf(content, 'timestamp')),
  };
}

function isExploitation(value: string | undefined): value is SsvcExploitation {
  return SSVC_EXPLOITATION.some((known) => known === value);
}

function isImpact(value: string | undefined): value is SsvcTechnicalImpact {
  return SSVC_TECHNICAL_IMPACT.some((known) => known === value);
}
