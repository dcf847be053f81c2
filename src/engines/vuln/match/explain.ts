/** The one-sentence explanation of a match. */
import type { Statement } from './types.js';

function statementClause(statement: Statement): string {
  switch (statement.status) {
    case 'affected':
      return '';
    case 'not_affected': {
      const why = statement.justification ?? statement.impactStatement;
      return `; the vendor states it is not affected${why === null ? '' : ` (${why})`}`;
    }
    case 'fixed':
      return '; the vendor lists this version as fixed';
    case 'under_investigation':
      return '; the vendor is still investigating';
  }
}

export interface ExplanationParts {
  /** Who: `log4j-core 2.14.1 (pkg:maven/…)`. */
  readonly subject: string;
  /** How: `matches purl pkg:maven/…`. */
  readonly rule: string;
  readonly range: string | null;
  readonly statement: Statement;
  /** Why the confidence was lowered, when it was. */
  readonly caveat: string | null;
}

/**
 * @example explain({ subject: 'log4j-core 2.14.1', rule: 'matches purl pkg:maven/org.apache.logging.log4j/log4j-core',
 *   range: '>= 2.0.0, < 2.17.1', statement: AFFECTED, caveat: null })
 *   → 'log4j-core 2.14.1 matches purl pkg:maven/org.apache.logging.log4j/log4j-core within >= 2.0.0, < 2.17.1.'
 */
export function explain(parts: ExplanationParts): string {
  const range = parts.range === null ? ' at every version' : ` within ${parts.range}`;
  const caveat = parts.caveat === null ? '' : `; ${parts.caveat}`;
  return `${parts.subject} ${parts.rule}${range}${statementClause(parts.statement)}${caveat}.`;
}

export function describeVersion(version: string | null): string {
  return version === null ? 'of unknown version' : version;
}
