/**
 * Evaluating an NVD configuration against the CPE names found on one platform (an asset): nodes
 * joined by AND or OR, each node's criteria joined by its own operator and optionally negated.
 */
import type {
  CpeConfiguration,
  CpeCriterion,
  CpeNode,
  VersionScheme,
} from '../../../domain/vulnerability.js';
import { compiledCriterionMatches, hasBounds } from './criterion.js';
import { parseCpe } from './parse.js';
import { CpeParseError, type CpeName } from './types.js';

export interface ConfigurationResult {
  readonly matched: boolean;
  /** The vulnerable criteria some platform name satisfied; empty when `matched` is false. */
  readonly vulnerableMatches: CpeCriterion[];
}

function satisfiedBy(
  criterion: CpeCriterion,
  names: readonly CpeName[],
  scheme: VersionScheme,
): boolean {
  const source = parseCpe(criterion.cpe);
  if (source instanceof CpeParseError) return false;
  const bounds = hasBounds(criterion.bounds) ? criterion.bounds : null;
  return names.some((name) => compiledCriterionMatches(source, bounds, name, scheme));
}

function evaluateNode(
  node: CpeNode,
  names: readonly CpeName[],
  scheme: VersionScheme,
  vulnerable: CpeCriterion[],
): boolean {
  const hits = node.matches.map((criterion) => satisfiedBy(criterion, names, scheme));
  const raw = node.operator === 'AND' ? hits.every(Boolean) : hits.some(Boolean);
  const result = node.negate ? !raw : raw;
  if (result && !node.negate) {
    node.matches.forEach((criterion, i) => {
      if (criterion.vulnerable && hits[i] === true) vulnerable.push(criterion);
    });
  }
  return result;
}

/**
 * Whether a configuration holds for a platform described by its CPE names. Platform criteria
 * (`vulnerable: false`) must be satisfied like any other, but only vulnerable criteria are
 * reported; a configuration satisfied without any vulnerable criterion is not a match.
 *
 * @example evaluateConfiguration({ operator: 'AND', nodes: [
 *     { operator: 'OR', negate: false, matches: [{ cpe: 'cpe:2.3:o:acme:fw:1.0:*:*:*:*:*:*:*', vulnerable: true, bounds }] },
 *     { operator: 'OR', negate: false, matches: [{ cpe: 'cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*', vulnerable: false, bounds }] } ] },
 *   [parseCpe('cpe:2.3:o:acme:fw:1.0:*:*:*:*:*:*:*'), parseCpe('cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*')])
 *   → { matched: true, vulnerableMatches: [the firmware criterion] }
 */
export function evaluateConfiguration(
  config: CpeConfiguration,
  platformCpes: readonly CpeName[],
  scheme: VersionScheme = 'generic',
): ConfigurationResult {
  const vulnerable: CpeCriterion[] = [];
  const results = config.nodes.map((node) => evaluateNode(node, platformCpes, scheme, vulnerable));
  const holds =
    results.length > 0 &&
    (config.operator === 'AND' ? results.every(Boolean) : results.some(Boolean));
  const matched = holds && vulnerable.length > 0;
  return { matched, vulnerableMatches: matched ? [...new Set(vulnerable)] : [] };
}
