/**
 * Well-known DICOM SOP Classes: the abstract syntaxes an association proposes reveal what a device
 * is (a CT scanner proposes CT Image Storage; a PACS accepts it). UIDs and names from PS3.6
 * (Registry of DICOM Unique Identifiers, Table A-1) and PS3.4 (Table B.5-1, Standard SOP Classes);
 * modalities are the PS3.3 C.7.3.1.1.1 defined terms a device of that kind writes in (0008,0060).
 *
 * @example
 *   DICOM_SOP_CLASSES['1.2.840.10008.5.1.4.1.1.2'];
 *   // { name: 'CT Image Storage', modality: 'CT', service: 'storage' }
 */

/** The service class a SOP Class belongs to (PS3.4 annexes). */
export type DicomService =
  'verification' | 'storage' | 'storage-commitment' | 'query-retrieve' | 'worklist' | 'mpps';

/** What the SOP class table says of one UID. */
export interface DicomSopClass {
  readonly name: string;
  /** The modality whose devices create these instances; null outside the Storage service. */
  readonly modality: string | null;
  readonly service: DicomService;
}

const storage = (name: string, modality: string): DicomSopClass => ({
  name,
  modality,
  service: 'storage',
});
const service = (name: string, kind: DicomService): DicomSopClass => ({
  name,
  modality: null,
  service: kind,
});

const STORAGE = '1.2.840.10008.5.1.4.1.1.';
const QUERY_RETRIEVE = '1.2.840.10008.5.1.4.1.2.';

/** Well-known SOP Class UIDs, frozen; look up with `Object.hasOwn` or `dicomSopClass`. */
export const DICOM_SOP_CLASSES: Readonly<Record<string, DicomSopClass>> = Object.freeze({
  '1.2.840.10008.1.1': service('Verification SOP Class', 'verification'),
  [`${STORAGE}1`]: storage('Computed Radiography Image Storage', 'CR'),
  [`${STORAGE}1.1`]: storage('Digital X-Ray Image Storage - For Presentation', 'DX'),
  [`${STORAGE}1.1.1`]: storage('Digital X-Ray Image Storage - For Processing', 'DX'),
  [`${STORAGE}1.2`]: storage('Digital Mammography X-Ray Image Storage - For Presentation', 'MG'),
  [`${STORAGE}1.2.1`]: storage('Digital Mammography X-Ray Image Storage - For Processing', 'MG'),
  [`${STORAGE}2`]: storage('CT Image Storage', 'CT'),
  [`${STORAGE}2.1`]: storage('Enhanced CT Image Storage', 'CT'),
  [`${STORAGE}3.1`]: storage('Ultrasound Multi-frame Image Storage', 'US'),
  [`${STORAGE}4`]: storage('MR Image Storage', 'MR'),
  [`${STORAGE}4.1`]: storage('Enhanced MR Image Storage', 'MR'),
  [`${STORAGE}6.1`]: storage('Ultrasound Image Storage', 'US'),
  [`${STORAGE}6.2`]: storage('Enhanced US Volume Storage', 'US'),
  [`${STORAGE}7`]: storage('Secondary Capture Image Storage', 'OT'),
  [`${STORAGE}12.1`]: storage('X-Ray Angiographic Image Storage', 'XA'),
  [`${STORAGE}12.1.1`]: storage('Enhanced XA Image Storage', 'XA'),
  [`${STORAGE}12.2`]: storage('X-Ray Radiofluoroscopic Image Storage', 'RF'),
  [`${STORAGE}12.2.1`]: storage('Enhanced XRF Image Storage', 'RF'),
  [`${STORAGE}20`]: storage('Nuclear Medicine Image Storage', 'NM'),
  [`${STORAGE}104.1`]: storage('Encapsulated PDF Storage', 'DOC'),
  [`${STORAGE}128`]: storage('Positron Emission Tomography Image Storage', 'PT'),
  [`${STORAGE}130`]: storage('Enhanced PET Image Storage', 'PT'),
  [`${STORAGE}481.1`]: storage('RT Image Storage', 'RTIMAGE'),
  [`${STORAGE}481.2`]: storage('RT Dose Storage', 'RTDOSE'),
  [`${STORAGE}481.3`]: storage('RT Structure Set Storage', 'RTSTRUCT'),
  [`${STORAGE}481.4`]: storage('RT Beams Treatment Record Storage', 'RTRECORD'),
  [`${STORAGE}481.5`]: storage('RT Plan Storage', 'RTPLAN'),
  [`${STORAGE}481.6`]: storage('RT Brachy Treatment Record Storage', 'RTRECORD'),
  [`${STORAGE}481.7`]: storage('RT Treatment Summary Record Storage', 'RTRECORD'),
  [`${STORAGE}481.8`]: storage('RT Ion Plan Storage', 'RTPLAN'),
  [`${STORAGE}481.9`]: storage('RT Ion Beams Treatment Record Storage', 'RTRECORD'),
  [`${QUERY_RETRIEVE}1.1`]: service(
    'Patient Root Query/Retrieve Information Model - FIND',
    'query-retrieve',
  ),
  [`${QUERY_RETRIEVE}1.2`]: service(
    'Patient Root Query/Retrieve Information Model - MOVE',
    'query-retrieve',
  ),
  [`${QUERY_RETRIEVE}1.3`]: service(
    'Patient Root Query/Retrieve Information Model - GET',
    'query-retrieve',
  ),
  [`${QUERY_RETRIEVE}2.1`]: service(
    'Study Root Query/Retrieve Information Model - FIND',
    'query-retrieve',
  ),
  [`${QUERY_RETRIEVE}2.2`]: service(
    'Study Root Query/Retrieve Information Model - MOVE',
    'query-retrieve',
  ),
  [`${QUERY_RETRIEVE}2.3`]: service(
    'Study Root Query/Retrieve Information Model - GET',
    'query-retrieve',
  ),
  '1.2.840.10008.5.1.4.31': service('Modality Worklist Information Model - FIND', 'worklist'),
  '1.2.840.10008.1.20.1': service('Storage Commitment Push Model SOP Class', 'storage-commitment'),
  '1.2.840.10008.3.1.2.3.3': service('Modality Performed Procedure Step SOP Class', 'mpps'),
});

/** The table entry for a SOP Class UID, or null when it is not a well-known one. */
export function dicomSopClass(uid: string): DicomSopClass | null {
  return Object.hasOwn(DICOM_SOP_CLASSES, uid) ? (DICOM_SOP_CLASSES[uid] ?? null) : null;
}
