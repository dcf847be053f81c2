/** The Sigma rule parser: YAML text into rules with their detection and condition trees. */
export { parseSigmaRule } from './rule.js';
export { matchesIdentifierPattern } from './condition.js';
export { attackTags, normalizeDate } from './meta.js';
export { timespanSeconds } from './correlation.js';
export * from './limits.js';
export * from './types.js';
