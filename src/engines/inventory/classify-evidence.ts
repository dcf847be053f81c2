/**
 * The tests behind the classification rules: each reads a profile view and returns the evidence
 * in plain words, or null. Categories and weights are not here but in `classify-rules.ts`.
 */
import type { DicomModality } from '../../domain/dicom.js';
import type { ProfileView } from './classify-view.js';

/** Reads a profile view; returns the evidence in plain words, or null when it does not hold. */
export type EvidenceTest = (view: ProfileView) => string | null;

/** DICOM peers (or HL7 peers) from which an archive (or interface engine) is recognized. */
const MANY_PEERS = 3;

/** Vendor matches: the vendor text (from a source, or the MAC's OUI). */
export function vendorMatches(pattern: RegExp, what: string): EvidenceTest {
  return (v) => {
    if (!pattern.test(v.vendor)) return null;
    const whose = v.profile.vendorFromOui === true ? 'Network card maker (MAC OUI)' : 'Vendor';
    return `${whose} ${v.vendorLabel} makes ${what}`;
  };
}

const TEXT_LABELS = { model: 'Model', os: 'Operating system', product: 'Software or service' };

/** A model, operating system or product/software text matches. */
export function textMatches(field: 'model' | 'os' | 'product', pattern: RegExp): EvidenceTest {
  return (v) => {
    const text = field === 'model' ? v.model : field === 'os' ? v.os : v.productText;
    const match = pattern.exec(text);
    return match === null ? null : `${TEXT_LABELS[field]} "${match[0]}"`;
  };
}

/** A token of a short host name is one of `words`. */
export function hostnameHas(words: readonly string[]): EvidenceTest {
  return (v) => {
    const word = words.find((w) => v.hostTokens.has(w));
    return word === undefined ? null : `Host name ${v.hostnames[0] ?? ''} contains "${word}"`;
  };
}

/** A Windows default computer name: DESKTOP-XXXXXXX, LAPTOP-XXXXXXX. */
export const windowsDefaultName: EvidenceTest = (v) => {
  const name = v.hostnames.find((h) => /^(desktop|laptop)-[a-z0-9]{7}(\.|$)/.test(h));
  return name === undefined ? null : `Host name ${name} is a Windows default computer name`;
};

/** Any of `ports` is open. */
export function portsOpen(ports: readonly string[], what: string): EvidenceTest {
  return (v) => {
    const open = ports.filter((p) => v.ports.has(p));
    return open.length === 0 ? null : `${what} open (${open.join(', ')})`;
  };
}

/** Only SSH and HTTPS (and perhaps HTTP) are open: an appliance's management ports. */
export const onlyManagementPorts: EvidenceTest = (v) => {
  const allowed = new Set(['tcp/22', 'tcp/443', 'tcp/80']);
  const only = v.ports.size > 0 && [...v.ports].every((p) => allowed.has(p));
  return only && v.ports.has('tcp/22') && v.ports.has('tcp/443')
    ? `Only SSH and HTTPS open (${[...v.ports].sort().join(', ')})`
    : null;
};

/** The DHCP vendor class (option 60) matches. */
export function dhcpVendorClass(pattern: RegExp): EvidenceTest {
  return (v) =>
    pattern.test(v.dhcpVendorClass)
      ? `DHCP vendor class "${v.profile.protocols?.dhcp?.vendorClass ?? ''}"`
      : null;
}

/** An HTTP User-Agent the device sent, or a Server header it answered with, matches. */
export function httpHeader(header: 'user-agent' | 'server', pattern: RegExp): EvidenceTest {
  return (v) => {
    const values = header === 'user-agent' ? v.userAgents : v.httpServers;
    const value = values.find((text) => pattern.test(text));
    return value === undefined
      ? null
      : `HTTP ${header === 'user-agent' ? 'User-Agent' : 'Server'} "${value}"`;
  };
}

/** AE title words that name a modality, and the modality. */
const AE_MODALITY_WORDS: Readonly<Record<string, DicomModality>> = {
  ct: 'CT',
  mr: 'MR',
  mri: 'MR',
  us: 'US',
  echo: 'US',
  cr: 'CR',
  dx: 'DX',
  dr: 'DX',
  mg: 'MG',
  mammo: 'MG',
  nm: 'NM',
  pt: 'PT',
  pet: 'PT',
  xa: 'XA',
  cath: 'XA',
  rf: 'RF',
};

const ARCHIVE_WORDS = ['pacs', 'vna', 'archive', 'arch'];

/** Opens associations (SCU) proposing image storage of one or two modalities. */
export const dicomScuSendsModalityImages: EvidenceTest = (v) => {
  const d = v.dicom;
  if (d === null || !d.scu || d.storageByModality.size === 0 || d.storageByModality.size > 2) {
    return null;
  }
  const first = [...d.storageByModality.values()][0]?.[0];
  return first === undefined ? null : `DICOM SCU sending ${first.name} (${first.uid})`;
};

/** Stores images of three or more modalities: an archive or a router, not a modality. */
export const dicomManyModalities: EvidenceTest = (v) => {
  const modalities = [...(v.dicom?.storageByModality.keys() ?? [])];
  return modalities.length < 3
    ? null
    : `DICOM storage of ${modalities.length} modalities (${modalities.join(', ')}): an archive or router`;
};

/** Accepts associations (SCP) for a Query/Retrieve information model. */
export const dicomQueryRetrieveScp: EvidenceTest = (v) => {
  const first = v.dicom?.query[0];
  return v.dicom?.scp !== true || first === undefined
    ? null
    : `DICOM Query/Retrieve SCP (${first.name}, ${first.uid})`;
};

/** Accepts image storage from `MANY_PEERS` or more clients. */
export const dicomStorageScpManyPeers: EvidenceTest = (v) => {
  const peers = v.profile.peers?.dicomClients ?? 0;
  const d = v.dicom;
  return d === null || !d.scp || d.storage.length === 0 || peers < MANY_PEERS
    ? null
    : `DICOM Storage SCP accepting images from ${peers} peers`;
};

/** Queries a worklist (Modality Worklist, UPS) as SCU: what modalities do. */
export const dicomWorklistScu: EvidenceTest = (v) => {
  const first = v.dicom?.worklist[0];
  return v.dicom?.scu !== true || first === undefined
    ? null
    : `DICOM worklist query as SCU (${first.name})`;
};

/** An AE title word names an archive: PACS, VNA, ARCHIVE. */
export const aeTitleNamesArchive: EvidenceTest = (v) => {
  const word = ARCHIVE_WORDS.find((w) => v.aeTokens.has(w));
  return word === undefined
    ? null
    : `DICOM AE title ${v.aeTitles.join(', ')} names an archive ("${word}")`;
};

/** An AE title word names a modality: CT, MR, US… */
export const aeTitleNamesModality: EvidenceTest = (v) => {
  const word = Object.keys(AE_MODALITY_WORDS).find((w) => v.aeTokens.has(w));
  return word === undefined
    ? null
    : `DICOM AE title ${v.aeTitles.join(', ')} names a modality ("${word}")`;
};

const ANALYZER_APP =
  /\b(lab|analy[sz]er|cobas|sysmex|xn|architect|alinity|atellica|dxh|dxi|dxc|vitros|au\d{3,4}|abl\d{2,3}|gem)\b/i;
const MONITOR_APP = /(monitor|intellivue|carescape|ixserver|pic ?ix|infinity|beneview|mindray)/i;

/** HL7 traffic for three or more applications or facilities: an interface engine. */
export const hl7ManyApplications: EvidenceTest = (v) => {
  const h = v.profile.protocols?.hl7;
  if (h === undefined || (h.applications.length < 3 && h.facilities.length < 3)) return null;
  return `HL7 for ${h.applications.length} applications and ${h.facilities.length} facilities`;
};

/** Receives HL7 from `MANY_PEERS` or more clients. */
export const hl7ListenerManyPeers: EvidenceTest = (v) => {
  const peers = v.profile.peers?.hl7Clients ?? 0;
  return peers >= MANY_PEERS ? `Receives HL7 (MLLP) from ${peers} peers` : null;
};

function sendsResultsFrom(pattern: RegExp, what: string): EvidenceTest {
  return (v) => {
    const h = v.profile.protocols?.hl7;
    // Application names use underscores (`SYSMEX_XN`): read them as words.
    const app = h?.applications.find((a) => pattern.test(a.replace(/[\W_]+/g, ' ')));
    return h === undefined || app === undefined || !h.messageTypes.some((t) => t.startsWith('ORU'))
      ? null
      : `Sends HL7 ${what} (ORU) from application ${app}`;
  };
}

/** Sends ORU results from an analyzer-like application (SYSMEX_XN, COBAS…). */
export const hl7ResultsFromAnalyzer = sendsResultsFrom(ANALYZER_APP, 'results');
/** Sends ORU observations from a monitoring application (IntelliVue, CARESCAPE…). */
export const hl7ObservationsFromMonitor = sendsResultsFrom(MONITOR_APP, 'observations');

/** The first modality whose image storage classes the device sent, if any. */
export function dicomModality(v: ProfileView): DicomModality | null {
  const fromDicom = [...(v.dicom?.storageByModality.keys() ?? [])];
  if (fromDicom.length > 0 && fromDicom.length <= 2) return fromDicom[0] ?? null;
  const word = Object.keys(AE_MODALITY_WORDS).find((w) => v.aeTokens.has(w));
  return word === undefined ? null : (AE_MODALITY_WORDS[word] ?? null);
}
