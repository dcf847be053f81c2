export { DicomStreamDissector, dicomDissectorFactory } from './dicom-dissector.js';
export { probeDicom } from './plausible.js';
export { DICOM_SOP_CLASSES, dicomSopClass } from './sop-classes.js';
export type { DicomService, DicomSopClass } from './sop-classes.js';
export { DICOM_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { DicomDiagnosticCode } from './diagnostics.js';
export { DICOM_LIMITS } from './limits.js';
export { parseAssociate, PDU_TYPE } from './pdu.js';
export type {
  DicomAssociateAccept,
  DicomAssociateRequest,
  DicomContextResult,
  DicomProposedContext,
  DicomUserInformation,
} from './pdu.js';
