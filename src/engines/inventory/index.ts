/**
 * The inventory engine: merge observations into assets, classify them, set default criticality,
 * place them in zones, and map who talks to whom. Pure: no I/O, time is an argument.
 */
export { mergeObservations, DEFAULT_IP_BINDING_HOURS } from './merge.js';
export { toKnownAsset, profileOf } from './assemble.js';
export { classifyAsset, MAX_INFERRED_CONFIDENCE, STATED_CATEGORY_WEIGHT } from './classify.js';
export {
  CLASSIFICATION_RULES,
  OUI_WEIGHT_FACTOR,
  type ClassificationRule,
} from './classify-rules.js';
export {
  CATEGORY_CRITICALITY,
  defaultCriticality,
  resolveCriticality,
  type CriticalityProfile,
} from './criticality.js';
export { assignZone, compileZones, type ZoneAssignment, type ZoneMatcher } from './zones.js';
export {
  buildCommunicationMap,
  countServerPeers,
  summarizeZoneTraffic,
  EDGE_IP_CAP,
  type CommunicationEdge,
  type EdgeEndpoint,
  type EndpointResolver,
  type ZoneTraffic,
} from './communication.js';
export {
  FACT_KEYS,
  SOURCE_TRUST,
  OVERRIDE_TRUST,
  OUI_TRUST,
  compareFactRank,
  factTrust,
} from './facts.js';
export {
  isIdentifyingMac,
  macKind,
  normalizeAeTitle,
  normalizeAssetTag,
  normalizeHostname,
  normalizeIp,
  normalizeSerial,
  vendorsCompatible,
  type MacKind,
} from './identifiers.js';
export { ouiVendor } from './oui.js';
export { PROTOCOL_LIST_CAP, NO_PROTOCOLS, softwareKey } from './collections.js';
export { FUTURE_TOLERANCE_MS } from './prepare.js';
/** Inputs and outputs: `KnownAsset`, `MergeResult`, `MergedAsset`, `FactObservation`… */
export type * from './types.js';
