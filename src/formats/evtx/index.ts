export {
  readEvtx,
  readEvtxBuffer,
  parseEvtxRecordsFromBuffer,
  type EvtxReadOptions,
} from './reader.js';
export { EVTX_DIAGNOSTIC_CODES, type EvtxDiagnosticCode } from './diagnostics.js';
export * from './limits.js';
