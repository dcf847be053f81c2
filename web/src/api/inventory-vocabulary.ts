/**
 * The inventory's closed vocabularies (import kinds, sources, protocols, statuses) with the words
 * the UI shows for them. As in vocabulary.ts, each label table is a `Record` over the domain's
 * union, so a value added on the server fails to compile here until it has a label.
 */
import type { ImportKind, ImportStatus } from '../../../src/domain/import.js';
import type { JobStatus } from '../../../src/domain/job.js';
import type {
  ApplicationProtocol,
  ObservationSourceKind,
} from '../../../src/domain/observation.js';

export { IMPORT_KINDS, IMPORT_STATUSES } from '../../../src/domain/import.js';
export { FINISHED_JOB_STATUSES } from '../../../src/domain/job.js';
export {
  APPLICATION_PROTOCOLS,
  OBSERVATION_SOURCE_KINDS,
} from '../../../src/domain/observation.js';

/** What each kind of file is, in the words of the people who export it. */
export const IMPORT_KIND_INFO: Record<ImportKind, { label: string; description: string }> = {
  nmap: {
    label: 'Nmap scan',
    description:
      'An Nmap XML report (nmap -oX): addresses, MACs, names, open ports and OS guesses.',
  },
  openvas: {
    label: 'Greenbone / OpenVAS report',
    description: 'A Greenbone XML report: hosts, services and the weaknesses the scanner found.',
  },
  nessus: {
    label: 'Nessus scan',
    description: 'A .nessus (v2) export: hosts, services, installed software and plugin findings.',
  },
  inventory: {
    label: 'Inventory export (CMMS / CMDB)',
    description:
      'A CSV, JSON or NDJSON export of the equipment list, with names, serials, locations and owners. Add a column mapping when the headers are not recognized.',
  },
  sbom: {
    label: 'SBOM',
    description:
      'A CycloneDX or SPDX bill of materials from a device maker, attached to one asset or to every device of a vendor and model.',
  },
  capture: {
    label: 'Packet capture',
    description:
      'A pcap or pcapng file: who talks to whom, and what DICOM, HL7, DHCP, TLS and HTTP reveal about each device.',
  },
};

export const SOURCE_KIND_LABELS: Record<ObservationSourceKind, string> = {
  nmap: 'Nmap',
  openvas: 'Greenbone / OpenVAS',
  nessus: 'Nessus',
  inventory: 'Inventory export',
  sbom: 'SBOM',
  capture: 'Packet capture',
  user: 'Set in Wardline',
};

export const PROTOCOL_LABELS: Record<ApplicationProtocol, string> = {
  dicom: 'DICOM',
  hl7: 'HL7',
  tls: 'TLS',
  http: 'HTTP',
  dns: 'DNS',
  dhcp: 'DHCP',
  other: 'Other',
};

export const IMPORT_STATUS_INFO: Record<ImportStatus, { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  imported: { label: 'Imported', color: 'green' },
  duplicate: { label: 'Duplicate', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Waiting to start',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Badge colours for patient-safety impact, most severe first. */
export const SAFETY_COLORS: Readonly<Record<string, string>> = {
  high: 'red',
  medium: 'orange',
  low: 'yellow',
  none: 'gray',
};

function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/** The label for a value, or the value itself when the server sends one this UI does not know. */
export const sourceKindLabel = (value: string): string => labelOf(SOURCE_KIND_LABELS, value);
export const protocolLabel = (value: string): string => labelOf(PROTOCOL_LABELS, value);
export const jobStatusLabel = (value: string): string => labelOf(JOB_STATUS_LABELS, value);
export const importKindLabel = (value: string): string =>
  Object.hasOwn(IMPORT_KIND_INFO, value) ? IMPORT_KIND_INFO[value as ImportKind].label : value;

/** DICOM SOP class names by UID, from Wardline's DICOM registry. */
export { dicomSopClass } from '../../../src/domain/dicom.js';
