/**
 * An asset profile pre-digested for the classification rules: lower-cased texts, name tokens,
 * open ports, and what the DICOM and HL7 facts say about the device's role.
 */
import {
  DICOM_MODALITIES,
  dicomSopClass,
  type DicomModality,
  type DicomSopClass,
} from '../../domain/dicom.js';
import type { AssetProfile } from './types.js';

/** What the DICOM facts say about the device's role. */
export interface DicomView {
  readonly scu: boolean;
  readonly scp: boolean;
  /** Image storage classes seen, by modality, in `DICOM_MODALITIES` order. */
  readonly storageByModality: ReadonlyMap<DicomModality, readonly DicomSopClass[]>;
  readonly storage: readonly DicomSopClass[];
  readonly query: readonly DicomSopClass[];
  readonly worklist: readonly DicomSopClass[];
}

/** A profile digested once for all rules. */
export interface ProfileView {
  readonly profile: AssetProfile;
  /** The vendor as given, and lower-cased ('' when none). */
  readonly vendorLabel: string;
  readonly vendor: string;
  readonly model: string;
  readonly os: string;
  /** Tokens of the short host names: `cardio-ws-12` → cardio, ws, 12; `CT1` → ct, 1. */
  readonly hostTokens: ReadonlySet<string>;
  readonly hostnames: readonly string[];
  readonly aeTokens: ReadonlySet<string>;
  readonly aeTitles: readonly string[];
  /** `tcp/445`, `udp/161` */
  readonly ports: ReadonlySet<string>;
  /** Service names and products, and SBOM software names and suppliers, lower-cased. */
  readonly productText: string;
  readonly dicom: DicomView | null;
  readonly dhcpVendorClass: string;
  readonly userAgents: readonly string[];
  readonly httpServers: readonly string[];
}

/** Letters and digits apart: `MRI3T` → mri, 3, t. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
}

function dicomView(profile: AssetProfile): DicomView | null {
  const dicom = profile.protocols?.dicom;
  if (dicom === undefined) return null;
  const classes = dicom.sopClasses
    .map((uid) => dicomSopClass(uid))
    .filter((c): c is DicomSopClass => c !== undefined);
  const storageByModality = new Map<DicomModality, DicomSopClass[]>();
  for (const modality of DICOM_MODALITIES) {
    const found = classes.filter((c) => c.kind === 'storage' && c.modality === modality);
    if (found.length > 0) storageByModality.set(modality, found);
  }
  return {
    scu: dicom.roles.includes('scu'),
    scp: dicom.roles.includes('scp'),
    storageByModality,
    storage: classes.filter((c) => c.kind === 'storage'),
    query: classes.filter((c) => c.kind === 'query'),
    worklist: classes.filter((c) => c.kind === 'worklist'),
  };
}

function lower(value: string | null | undefined): string {
  return (value ?? '').toLowerCase();
}

function productText(profile: AssetProfile): string {
  const products = [
    ...(profile.services ?? []).flatMap((s) => [s.name, s.product]),
    ...(profile.software ?? []).flatMap((s) => [s.name, s.supplier]),
  ];
  return products
    .filter((p): p is string => p !== null)
    .join(' | ')
    .toLowerCase();
}

/** Digests a profile for the rules. */
export function viewOf(profile: AssetProfile): ProfileView {
  const hostnames = profile.hostnames ?? [];
  const protocols = profile.protocols ?? {};
  const aeTitles = [
    ...new Set([...(profile.aeTitles ?? []), ...(protocols.dicom?.aeTitles ?? [])]),
  ];
  return {
    profile,
    vendorLabel: profile.vendor ?? '',
    vendor: lower(profile.vendor),
    model: lower(profile.model),
    os: lower(profile.os),
    hostTokens: new Set(hostnames.flatMap((name) => tokens(name.split('.')[0] ?? ''))),
    hostnames,
    aeTokens: new Set(aeTitles.flatMap(tokens)),
    aeTitles,
    ports: new Set((profile.services ?? []).map((s) => `${s.transport}/${s.port}`)),
    productText: productText(profile),
    dicom: dicomView(profile),
    dhcpVendorClass: lower(protocols.dhcp?.vendorClass),
    userAgents: (protocols.http?.userAgents ?? []).map(lower),
    httpServers: (protocols.http?.servers ?? []).map(lower),
  };
}
