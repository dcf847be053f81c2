/**
 * DICOM vocabulary shared by the capture dissector, the inventory engine and the UI: the SOP
 * classes a device proposes or accepts on an association, what kind of service each is, and which
 * modality an image storage class reveals.
 *
 * UIDs and names are from DICOM PS3.6 Annex A (Registry of DICOM Unique Identifiers) and the
 * service classes of PS3.4 (Annex B Storage, Annex C Query/Retrieve, Annex K Basic Worklist
 * Management, Annex CC Unified Procedure Step), checked against two independent machine-readable
 * copies of the registry (pydicom's `_uid_dict.py`, generated from PS3.6, and DCMTK's `dcuid.h`).
 * Retired classes are kept where old equipment still sends them (ultrasound, nuclear medicine).
 *
 * @example
 * dicomSopClass('1.2.840.10008.5.1.4.1.1.2');
 * // → { uid: '1.2.840.10008.5.1.4.1.1.2', name: 'CT Image Storage', kind: 'storage',
 * //     modality: 'CT', operation: null, retired: false }
 */

/** What a SOP class is for, in the terms that tell a modality from an archive. */
export const DICOM_SOP_CLASS_KINDS = [
  'storage',
  'query',
  'worklist',
  'verification',
  'other',
] as const;
/** `storage`, `query`, `worklist`, `verification` or `other`. */
export type DicomSopClassKind = (typeof DICOM_SOP_CLASS_KINDS)[number];

/**
 * Modality codes (PS3.3 C.7.3.1.1.1, attribute Modality (0008,0060)) that an image storage class
 * pins down. A class that several modalities may use (Secondary Capture, SR) has none.
 */
export const DICOM_MODALITIES = [
  'CT',
  'MR',
  'US',
  'CR',
  'DX',
  'MG',
  'IO',
  'NM',
  'PT',
  'XA',
  'RF',
] as const;
/** A modality code from `DICOM_MODALITIES`. */
export type DicomModality = (typeof DICOM_MODALITIES)[number];

/** The words the UI shows for each modality code. */
export const DICOM_MODALITY_NAMES: Readonly<Record<DicomModality, string>> = {
  CT: 'Computed tomography',
  MR: 'Magnetic resonance',
  US: 'Ultrasound',
  CR: 'Computed radiography',
  DX: 'Digital radiography',
  MG: 'Mammography',
  IO: 'Intra-oral radiography',
  NM: 'Nuclear medicine',
  PT: 'Positron emission tomography',
  XA: 'X-ray angiography',
  RF: 'Radio fluoroscopy',
};

/** One SOP class: UID, PS3.6 name, kind, the modality it reveals. */
export interface DicomSopClass {
  readonly uid: string;
  /** The PS3.6 name. */
  readonly name: string;
  readonly kind: DicomSopClassKind;
  /** The modality an image storage class reveals; null for every other class. */
  readonly modality: DicomModality | null;
  /** For Query/Retrieve (and worklist) classes: the DIMSE operation the information model serves. */
  readonly operation: 'find' | 'move' | 'get' | null;
  /** Retired from the standard (PS3.6 marks it so) but still seen from older equipment. */
  readonly retired: boolean;
}

type Row = readonly [
  uid: string,
  name: string,
  kind: DicomSopClassKind,
  modality?: DicomModality | null,
  operation?: 'find' | 'move' | 'get' | null,
  retired?: boolean,
];

const ROOT = '1.2.840.10008.';
const STORAGE = `${ROOT}5.1.4.1.1.`;
const QR = `${ROOT}5.1.4.1.2.`;

const ROWS: readonly Row[] = [
  [`${ROOT}1.1`, 'Verification SOP Class', 'verification'],
  [`${ROOT}1.20.1`, 'Storage Commitment Push Model SOP Class', 'other'],
  [`${ROOT}3.1.2.3.3`, 'Modality Performed Procedure Step SOP Class', 'other'],
  [`${STORAGE}1`, 'Computed Radiography Image Storage', 'storage', 'CR'],
  [`${STORAGE}1.1`, 'Digital X-Ray Image Storage - For Presentation', 'storage', 'DX'],
  [`${STORAGE}1.1.1`, 'Digital X-Ray Image Storage - For Processing', 'storage', 'DX'],
  [`${STORAGE}1.2`, 'Digital Mammography X-Ray Image Storage - For Presentation', 'storage', 'MG'],
  [`${STORAGE}1.2.1`, 'Digital Mammography X-Ray Image Storage - For Processing', 'storage', 'MG'],
  [`${STORAGE}1.3`, 'Digital Intra-Oral X-Ray Image Storage - For Presentation', 'storage', 'IO'],
  [`${STORAGE}1.3.1`, 'Digital Intra-Oral X-Ray Image Storage - For Processing', 'storage', 'IO'],
  [`${STORAGE}2`, 'CT Image Storage', 'storage', 'CT'],
  [`${STORAGE}2.1`, 'Enhanced CT Image Storage', 'storage', 'CT'],
  [`${STORAGE}2.2`, 'Legacy Converted Enhanced CT Image Storage', 'storage', 'CT'],
  [`${STORAGE}3`, 'Ultrasound Multi-frame Image Storage (Retired)', 'storage', 'US', null, true],
  [`${STORAGE}3.1`, 'Ultrasound Multi-frame Image Storage', 'storage', 'US'],
  [`${STORAGE}4`, 'MR Image Storage', 'storage', 'MR'],
  [`${STORAGE}4.1`, 'Enhanced MR Image Storage', 'storage', 'MR'],
  [`${STORAGE}4.2`, 'MR Spectroscopy Storage', 'storage', 'MR'],
  [`${STORAGE}4.3`, 'Enhanced MR Color Image Storage', 'storage', 'MR'],
  [`${STORAGE}4.4`, 'Legacy Converted Enhanced MR Image Storage', 'storage', 'MR'],
  [`${STORAGE}5`, 'Nuclear Medicine Image Storage (Retired)', 'storage', 'NM', null, true],
  [`${STORAGE}6`, 'Ultrasound Image Storage (Retired)', 'storage', 'US', null, true],
  [`${STORAGE}6.1`, 'Ultrasound Image Storage', 'storage', 'US'],
  [`${STORAGE}6.2`, 'Enhanced US Volume Storage', 'storage', 'US'],
  [`${STORAGE}7`, 'Secondary Capture Image Storage', 'storage'],
  [`${STORAGE}7.1`, 'Multi-frame Single Bit Secondary Capture Image Storage', 'storage'],
  [`${STORAGE}7.2`, 'Multi-frame Grayscale Byte Secondary Capture Image Storage', 'storage'],
  [`${STORAGE}7.3`, 'Multi-frame Grayscale Word Secondary Capture Image Storage', 'storage'],
  [`${STORAGE}7.4`, 'Multi-frame True Color Secondary Capture Image Storage', 'storage'],
  [`${STORAGE}9.1.1`, '12-lead ECG Waveform Storage', 'storage'],
  [`${STORAGE}9.1.2`, 'General ECG Waveform Storage', 'storage'],
  [`${STORAGE}11.1`, 'Grayscale Softcopy Presentation State Storage', 'storage'],
  [`${STORAGE}12.1`, 'X-Ray Angiographic Image Storage', 'storage', 'XA'],
  [`${STORAGE}12.1.1`, 'Enhanced XA Image Storage', 'storage', 'XA'],
  [`${STORAGE}12.2`, 'X-Ray Radiofluoroscopic Image Storage', 'storage', 'RF'],
  [`${STORAGE}12.2.1`, 'Enhanced XRF Image Storage', 'storage', 'RF'],
  [`${STORAGE}13.1.1`, 'X-Ray 3D Angiographic Image Storage', 'storage', 'XA'],
  [`${STORAGE}13.1.3`, 'Breast Tomosynthesis Image Storage', 'storage', 'MG'],
  [`${STORAGE}20`, 'Nuclear Medicine Image Storage', 'storage', 'NM'],
  [`${STORAGE}66`, 'Raw Data Storage', 'storage'],
  [`${STORAGE}66.4`, 'Segmentation Storage', 'storage'],
  [`${STORAGE}88.11`, 'Basic Text SR Storage', 'storage'],
  [`${STORAGE}88.22`, 'Enhanced SR Storage', 'storage'],
  [`${STORAGE}88.33`, 'Comprehensive SR Storage', 'storage'],
  [`${STORAGE}88.59`, 'Key Object Selection Document Storage', 'storage'],
  [`${STORAGE}88.67`, 'X-Ray Radiation Dose SR Storage', 'storage'],
  [`${STORAGE}104.1`, 'Encapsulated PDF Storage', 'storage'],
  [`${STORAGE}128`, 'Positron Emission Tomography Image Storage', 'storage', 'PT'],
  [`${STORAGE}128.1`, 'Legacy Converted Enhanced PET Image Storage', 'storage', 'PT'],
  [`${STORAGE}130`, 'Enhanced PET Image Storage', 'storage', 'PT'],
  [`${STORAGE}481.1`, 'RT Image Storage', 'storage'],
  [`${STORAGE}481.2`, 'RT Dose Storage', 'storage'],
  [`${STORAGE}481.3`, 'RT Structure Set Storage', 'storage'],
  [`${STORAGE}481.5`, 'RT Plan Storage', 'storage'],
  [`${QR}1.1`, 'Patient Root Query/Retrieve Information Model - FIND', 'query', null, 'find'],
  [`${QR}1.2`, 'Patient Root Query/Retrieve Information Model - MOVE', 'query', null, 'move'],
  [`${QR}1.3`, 'Patient Root Query/Retrieve Information Model - GET', 'query', null, 'get'],
  [`${QR}2.1`, 'Study Root Query/Retrieve Information Model - FIND', 'query', null, 'find'],
  [`${QR}2.2`, 'Study Root Query/Retrieve Information Model - MOVE', 'query', null, 'move'],
  [`${QR}2.3`, 'Study Root Query/Retrieve Information Model - GET', 'query', null, 'get'],
  [
    `${QR}3.1`,
    'Patient/Study Only Query/Retrieve Information Model - FIND (Retired)',
    'query',
    null,
    'find',
    true,
  ],
  [
    `${QR}3.2`,
    'Patient/Study Only Query/Retrieve Information Model - MOVE (Retired)',
    'query',
    null,
    'move',
    true,
  ],
  [
    `${QR}3.3`,
    'Patient/Study Only Query/Retrieve Information Model - GET (Retired)',
    'query',
    null,
    'get',
    true,
  ],
  [`${QR}4.2`, 'Composite Instance Root Retrieve - MOVE', 'query', null, 'move'],
  [`${QR}4.3`, 'Composite Instance Root Retrieve - GET', 'query', null, 'get'],
  [`${ROOT}5.1.4.31`, 'Modality Worklist Information Model - FIND', 'worklist', null, 'find'],
  [`${ROOT}5.1.4.34.6.1`, 'Unified Procedure Step - Push SOP Class', 'worklist'],
  [`${ROOT}5.1.4.34.6.2`, 'Unified Procedure Step - Watch SOP Class', 'worklist'],
  [`${ROOT}5.1.4.34.6.3`, 'Unified Procedure Step - Pull SOP Class', 'worklist'],
  [`${ROOT}5.1.4.34.6.4`, 'Unified Procedure Step - Event SOP Class', 'worklist'],
];

/** The SOP classes Wardline names, in registry order. */
export const DICOM_SOP_CLASSES: readonly DicomSopClass[] = ROWS.map(
  ([uid, name, kind, modality = null, operation = null, retired = false]) => ({
    uid,
    name,
    kind,
    modality,
    operation,
    retired,
  }),
);

const BY_UID = new Map(DICOM_SOP_CLASSES.map((sopClass) => [sopClass.uid, sopClass]));

/** The SOP class with this UID, or undefined when Wardline does not name it. */
export function dicomSopClass(uid: string): DicomSopClass | undefined {
  return BY_UID.get(uid.trim());
}

/** The Verification SOP Class (C-ECHO), which every DICOM node answers. */
export const DICOM_VERIFICATION_UID = `${ROOT}1.1`;

/** Guard for `DicomModality`. */
export function isDicomModality(value: string): value is DicomModality {
  return (DICOM_MODALITIES as readonly string[]).includes(value);
}
