/** SPDX 2.3 (and 2.2) JSON and tag-value: streaming parsers and the tag-value writer. */
export { parseSpdxJson } from './parse-json.js';
export { parseSpdxTagValue } from './parse-tag-value.js';
export { formatSpdxTagValue } from './write.js';
export { relationshipEdge } from './relationships.js';
export { SPDX_DIAGNOSTIC_CODES, type SpdxDiagnosticCode } from '../sbom/diagnostics.js';
