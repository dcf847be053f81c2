/** CycloneDX 1.4–1.6 (JSON and XML): streaming parsers and writers. */
export { parseCycloneDxJson } from './parse-json.js';
export { parseCycloneDxXml } from './parse-xml.js';
export {
  formatCycloneDxJson,
  type CycloneDxWriteOptions,
  type CycloneDxWriteVersion,
} from './write.js';
export { formatCycloneDxXml } from './write-xml.js';
export { CYCLONEDX_COMPONENT_TYPES } from './component.js';
export { CYCLONEDX_SPEC_VERSIONS } from './document.js';
export { CYCLONEDX_DIAGNOSTIC_CODES, type CycloneDxDiagnosticCode } from '../sbom/diagnostics.js';
