/** The Sigma evaluator: parsed rules compiled into closures and an indexed rule set. */
export { compileRules, compileRule } from './compile.js';
export { matchWithoutIndex, logsourceFits, type IndexedRule } from './ruleset.js';
export { isBacktrackSafe } from './regex.js';
export * from './limits.js';
export * from './types.js';
