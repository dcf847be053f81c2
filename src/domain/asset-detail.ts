/**
 * Everything the asset page shows besides the asset itself: its services, software, scanner
 * findings, protocol facts from traffic, the winning value of each fact with where it came from,
 * the provenance timeline, and the SBOMs that describe it.
 */
import type { Asset } from './inventory.js';
import type { ObservationSourceKind, ProtocolFacts } from './observation.js';

export interface SourceRef {
  readonly kind: ObservationSourceKind;
  readonly name: string;
}

export interface AssetService {
  readonly transport: string;
  readonly port: number;
  readonly name: string | null;
  readonly product: string | null;
  readonly version: string | null;
  readonly cpes: readonly string[];
  readonly tls: boolean;
  readonly source: SourceRef;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface AssetSoftwareItem {
  readonly kind: string;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  readonly endOfSupport: string | null;
  readonly source: SourceRef;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface AssetScanFinding {
  readonly scannerId: string;
  readonly title: string;
  readonly severity: number | null;
  readonly cves: readonly string[];
  /** `443/tcp`, or `-/-` for the host as a whole. */
  readonly port: string;
  readonly source: SourceRef;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** The winning value of one fact and where it came from. */
export interface AssetFact {
  readonly field: string;
  readonly value: unknown;
  readonly source: SourceRef;
  readonly importId: string | null;
  readonly observedAt: string;
  /** A person set it in Wardline. */
  readonly overridden: boolean;
}

/** One line of the provenance timeline: a value one source reported. */
export interface ProvenanceEntry {
  readonly field: string;
  readonly value: unknown;
  readonly source: SourceRef;
  readonly importId: string | null;
  readonly observedAt: string;
}

export interface AssetSbom {
  readonly id: string;
  /** `asset` when attached to this asset, `model` when to its vendor and model. */
  readonly attachedTo: 'asset' | 'model';
  readonly format: string;
  readonly specVersion: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly endOfSupport: string | null;
  readonly components: number;
  readonly createdAt: string;
}

export interface AssetDetail extends Asset {
  readonly facts: readonly AssetFact[];
  readonly services: readonly AssetService[];
  readonly software: readonly AssetSoftwareItem[];
  readonly scanFindings: readonly AssetScanFinding[];
  readonly protocols: ProtocolFacts;
  readonly sources: readonly { readonly kind: ObservationSourceKind; readonly lastSeen: string }[];
  readonly sboms: readonly AssetSbom[];
}

/** One conversation on the communication map. */
export interface Communication {
  readonly id: string;
  readonly clientIp: string;
  readonly serverIp: string;
  readonly serverPort: number;
  readonly transport: string;
  readonly protocol: string;
  readonly clientAssetId: string | null;
  readonly serverAssetId: string | null;
  readonly packets: number;
  readonly bytes: number;
  readonly encrypted: boolean;
  readonly carriesEphi: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** A node of the communication map: an asset, or an address no asset holds (`ip:<address>`). */
export interface MapNode {
  readonly id: string;
  readonly assetId: string | null;
  readonly label: string;
  readonly category: string | null;
  readonly zoneId: string | null;
  readonly zoneName: string | null;
  readonly patientSafety: string | null;
}

/** Who talks to whom: edge ends are asset ids, or `ip:<address>` for unknown devices. */
export interface CommunicationMap {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly Communication[];
}
