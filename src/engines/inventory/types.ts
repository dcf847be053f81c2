/**
 * The inventory engine's inputs and outputs. `KnownAsset` is what the service loads for the assets
 * that share an identifier with a batch; `MergeResult` is what it writes back.
 */
import type { DicomModality } from '../../domain/dicom.js';
import type {
  AssetCategory,
  Criticality,
  Identifier,
  PatientSafetyImpact,
} from '../../domain/inventory.js';
import type {
  HostnameOrigin,
  ObservationSourceKind,
  ObservedScanFinding,
  ObservedService,
  ObservedSoftware,
  ProtocolFacts,
} from '../../domain/observation.js';

/** Where a value came from: the source, when it saw it, and how it was learned. */
export interface FactProvenance {
  readonly sourceKind: ObservationSourceKind;
  /** The file name, or the user who typed it. */
  readonly sourceName: string;
  readonly importId: string | null;
  /** ISO 8601 UTC. */
  readonly observedAt: string;
  /** A person set this value in Wardline: no import replaces it. */
  readonly overridden: boolean;
  /** A host name's origin, or `oui` for a vendor looked up from the MAC address; else null. */
  readonly origin: HostnameOrigin | 'oui' | null;
}

/** The facts Wardline keeps one current value of per asset, with the type of each value. */
export interface FactValues {
  /** What the hospital calls it (CMMS/CMDB name, or typed by a person). */
  readonly name: string;
  /** Lower-case host name, best origin first. */
  readonly hostname: string;
  readonly vendor: string;
  readonly model: string;
  readonly os: string;
  readonly firmware: string;
  readonly serial: string;
  /** A category a source declared (CMMS, a person); classification infers one otherwise. */
  readonly category: AssetCategory;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly location: string;
  readonly owner: string;
  /** 802.1Q VLAN the device was last seen on. */
  readonly vlan: number;
  /** A zone or site a source named; the service matches them to Wardline's by name or code. */
  readonly zoneName: string;
  readonly siteCode: string;
}

/** A fact's name: `vendor`, `hostname`… */
export type FactKey = keyof FactValues;

/** One value one source gave for one fact: a line of the asset's provenance timeline. */
export type FactObservation = {
  readonly [K in FactKey]: {
    readonly key: K;
    readonly value: FactValues[K];
    readonly provenance: FactProvenance;
  };
}[FactKey];

/** A fact's winning value and where it came from. */
export interface CurrentFact<V> {
  readonly value: V;
  readonly provenance: FactProvenance;
}

/** The winning value of each fact an asset has, with its provenance. */
export type CurrentAssetFacts = {
  readonly [K in FactKey]?: CurrentFact<FactValues[K]>;
};

/** The source of a row (service, software, finding) kept on an asset. */
export interface SourceRef {
  readonly kind: ObservationSourceKind;
  readonly name: string;
  readonly importId: string | null;
}

/** When a row was first and last seen, and which source gave its current content. */
export interface RowSightings {
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly source: SourceRef;
}

/** A service on an asset, with its sightings. */
export type MergedService = ObservedService & RowSightings;
/** Software on an asset, with its sightings. */
export type MergedSoftware = ObservedSoftware & RowSightings;
/** A scanner finding on an asset, with its sightings. */
export type MergedScanFinding = ObservedScanFinding & RowSightings;

/** Protocol facts merged over time, with when each protocol and each single value was last seen. */
export interface MergedProtocols {
  readonly facts: ProtocolFacts;
  /** `dicom` → last time DICOM facts were seen; `dhcp.vendorClass` → when that value was seen. */
  readonly seen: Readonly<Record<string, string>>;
}

/**
 * An asset as the store holds it, reduced to what merging needs. Load only the candidates: the
 * assets that share any identifier (kind and normalized value) with the batch.
 */
export interface KnownAsset {
  readonly id: string;
  readonly identifiers: readonly Identifier[];
  readonly facts: CurrentAssetFacts;
  /** The asset's current rows; the merged lists in the result replace them whole. */
  readonly services: readonly MergedService[];
  readonly software: readonly MergedSoftware[];
  readonly scanFindings: readonly MergedScanFinding[];
  readonly protocols: MergedProtocols;
  /** As stored, to tell whether the merge changed them. */
  readonly category: AssetCategory;
  readonly criticality: Criticality;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What a merge did to an identifier. */
export type IdentifierStatus = 'new' | 'updated' | 'unchanged';

/** An identifier of a merged asset, with what the merge did to it. */
export interface MergedIdentifier extends Identifier {
  /** `new` and `updated` rows are the upserts; `unchanged` ones are listed for completeness. */
  readonly status: IdentifierStatus;
}

/** How many distinct peers opened DICOM or HL7 conversations to a device (from captured flows). */
export interface PeerCounts {
  readonly dicomClients: number;
  readonly hl7Clients: number;
}

/** Everything classification looks at; every part is optional. */
export interface AssetProfile {
  /** A category a source declared (CMMS, a person): it wins outright. */
  readonly declaredCategory?: AssetCategory | null;
  /** Who declared it, for the reason text: `inventory cmms-2026-03.csv`. */
  readonly declaredBy?: string;
  /** A category a less trusted source stated (an SBOM, a scan): evidence, not a verdict. */
  readonly statedCategory?: AssetCategory | null;
  readonly vendor?: string | null;
  /** The vendor is only the network card maker from the MAC's OUI. */
  readonly vendorFromOui?: boolean;
  readonly model?: string | null;
  readonly os?: string | null;
  readonly hostnames?: readonly string[];
  readonly aeTitles?: readonly string[];
  readonly services?: readonly Pick<ObservedService, 'transport' | 'port' | 'name' | 'product'>[];
  readonly software?: readonly Pick<ObservedSoftware, 'name' | 'supplier'>[];
  readonly protocols?: ProtocolFacts;
  readonly peers?: PeerCounts;
}

/** What kind of device an asset is, how sure, and why. */
export interface Classification {
  readonly category: AssetCategory;
  /** 0–1: 1 for a declared category, otherwise from the evidence for the winning category. */
  readonly confidence: number;
  /** The evidence for the winning category in plain words, strongest first. */
  readonly reasons: readonly string[];
  /** For an imaging modality seen in DICOM traffic: which one. */
  readonly modality: DicomModality | null;
}

/** A category's default criticality and why. */
export interface DefaultCriticality {
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly reasons: readonly string[];
}

/** The criticality the asset ends up with: declared or overridden values kept, defaults otherwise. */
export interface AssetCriticality extends DefaultCriticality {
  /** True when a person set either value (a user override); it is then never replaced by a default. */
  readonly overridden: boolean;
}

/** One asset the batch touched, as the service writes it back. */
export interface MergedAsset {
  readonly id: string;
  readonly isNew: boolean;
  /** False when the batch told nothing new: the service can skip every write for this asset. */
  readonly changed: boolean;
  /** Positions in the input array of the observations merged into this asset. */
  readonly observations: readonly number[];
  readonly displayName: string;
  /** Every identifier of the asset after the merge; write the `new` and `updated` ones. */
  readonly identifiers: readonly MergedIdentifier[];
  /** Every fact value this batch saw, with provenance, except exact repeats of the current value. */
  readonly facts: readonly FactObservation[];
  readonly current: CurrentAssetFacts;
  readonly services: readonly MergedService[];
  readonly software: readonly MergedSoftware[];
  readonly scanFindings: readonly MergedScanFinding[];
  readonly protocols: MergedProtocols;
  readonly classification: Classification;
  readonly criticality: AssetCriticality;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** Something the caller may want to show: a skipped observation, a possible duplicate. */
export type MergeNote =
  | {
      /** An observation was left out. */
      readonly kind: 'skipped';
      readonly observation: number;
      readonly reason: 'no-identifier' | 'invalid-time' | 'future-time';
    }
  | {
      /**
       * The batch matched one asset by a strong identifier and another, without conflict, by a
       * different strong identifier: the two may be one device recorded twice.
       */
      readonly kind: 'possible-duplicate';
      readonly assetId: string;
      readonly otherAssetId: string;
      readonly identifier: 'mac' | 'serial' | 'asset-tag';
    };

/** Assets created, updated (changed) and unchanged; observations skipped. */
export interface MergeCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

/** What `mergeObservations` returns. */
export interface MergeResult {
  /** The assets the batch touched (new or known), in a deterministic order. */
  readonly assets: readonly MergedAsset[];
  readonly counts: MergeCounts;
  /** False when nothing changed at all. */
  readonly changed: boolean;
  readonly notes: readonly MergeNote[];
}

/** How to merge: the time, the IP binding window, new ids, the OUI lookup, peer counts. */
export interface MergeOptions {
  /** The merge's notion of now: observations dated more than a day after it are skipped. */
  readonly now: Date;
  /** How long an IP address stays bound to the device last seen with it; default 24. */
  readonly ipBindingHours?: number;
  /** Makes the id of a new asset (`() => newId('ast')`). */
  readonly newId: () => string;
  /** The maker of a MAC's network card; default: the IEEE registry in `oui-data`. */
  readonly vendorOfMac?: (mac: string) => string | null;
  /** Peer counts per server IP, from the flows of the same capture (`countServerPeers`). */
  readonly peers?: ReadonlyMap<string, PeerCounts>;
}
