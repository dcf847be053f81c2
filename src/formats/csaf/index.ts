/** CSAF 2.0: advisory and VEX parser, provider metadata and ROLIE feeds, hash and signature checks, VEX writer. */
export { parseCsaf } from './parse.js';
export type { CsafInput } from './read.js';
export type {
  CsafDocumentInfo,
  CsafParseResult,
  CsafPublisher,
  CsafReference,
  CsafTracking,
  ParseCsafOptions,
} from './types.js';
export { CSAF_DIAGNOSTIC_CODES, type CsafDiagnosticCode } from './diagnostics.js';
export { CSAF_VERSIONS } from './document.js';
export {
  parseProviderMetadata,
  parseRolieFeed,
  type ProviderFeed,
  type ProviderKey,
  type ProviderMetadata,
  type RolieEntry,
  type RolieFeed,
} from './provider.js';
export {
  verifyOpenPgpSignature,
  verifySha512,
  type HashCheck,
  type SignatureCheck,
} from './verify.js';
export {
  writeCsafVex,
  type CsafVexInput,
  type CsafVexProduct,
  type CsafVexStatement,
  type CsafVexStatus,
} from './write-vex.js';
