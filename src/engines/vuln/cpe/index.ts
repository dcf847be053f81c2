/**
 * CPE 2.3 names (NISTIR 7695) and name matching (NISTIR 7696), with NVD `cpeMatch` version bounds
 * and configuration evaluation. Pure.
 */
export {
  CPE_ANY,
  CPE_ATTRIBUTES,
  CPE_NA,
  CPE_PARSE_CODES,
  CpeParseError,
  isCpeParseError,
  type CpeAttribute,
  type CpeName,
  type CpeParseCode,
  type CpeRelation,
} from './types.js';
export { MAX_CPE_LENGTH } from './limits.js';
export { parseCpe } from './parse.js';
export { formatCpe, formatCpeUri } from './format.js';
export {
  attributeCovers,
  compareAttribute,
  compareCpeNames,
  cpeCovers,
  nameRelation,
  type CpeComparison,
} from './compare.js';
export {
  comparableVersion,
  compiledCriterionMatches,
  cpeMatches,
  hasBounds,
  versionWithin,
} from './criterion.js';
export { evaluateConfiguration, type ConfigurationResult } from './configuration.js';
export { hasWildcards, quoteValue, unquoteValue } from './value.js';
export {
  compileCpePattern,
  cpeTarget,
  patternCovers,
  type CpePattern,
  type CpeTarget,
} from './pattern.js';
