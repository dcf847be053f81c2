/**
 * The vulnerability matcher: an index built once from advisories and asked per component or
 * device, with one explained match per advisory. Pure.
 */
export { AdvisoryIndex } from './advisory-index.js';
export type { DeviceTarget, Match, MatchStatus, MatchTarget } from './types.js';
export { normalizeProduct, normalizeVendor, purlParts, vendorsAgree } from './normalize.js';
export { parseVersionRange } from './vers.js';
export { PLATFORM_PENALTY } from './software.js';
export { globMatches } from './device.js';
export {
  MAX_NAME_LENGTH,
  MAX_PLATFORM_CPES,
  MAX_PURL_LENGTH,
  MAX_RANGE_CONSTRAINTS,
} from './limits.js';
