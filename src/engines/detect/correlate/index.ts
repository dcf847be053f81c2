/** Sigma correlation rules over a stream of rule hits. */
export { Correlator } from './correlator.js';
export type { CorrelationHit, CorrelatorStats } from './types.js';
export type { FieldReader } from './group.js';
export * from './limits.js';
