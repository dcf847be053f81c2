/**
 * What reading one imported file yields, whatever its format: device observations, conversations
 * (captures), the SBOM document (SBOMs), and the parser's diagnostics. Each format has a reader in
 * `readers.ts`; the import service merges the result into the inventory in one transaction.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { ImportKind } from '../../domain/import.js';
import type {
  DeviceObservation,
  ObservationSource,
  ObservedFlow,
} from '../../domain/observation.js';

/** An SBOM as the store keeps it: the document, its components, and what it is attached to. */
export interface SbomReading {
  readonly format: string;
  readonly specVersion: string | null;
  readonly documentId: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly endOfSupport: string | null;
  readonly components: readonly SbomComponentReading[];
}

export interface SbomComponentReading {
  readonly ref: string | null;
  readonly type: string | null;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  readonly hashes: Readonly<Record<string, string>>;
  readonly licenses: readonly string[];
}

export interface Reading {
  readonly observations: DeviceObservation[];
  readonly flows: ObservedFlow[];
  readonly sbom: SbomReading | null;
  readonly diagnostics: Diagnostic[];
}

/** What a reader is told besides the bytes. */
export interface ReaderContext {
  readonly source: ObservationSource;
  /** When the import runs: the observation time when the file states none. */
  readonly importedAt: string;
  /** Format-specific options, validated by the reader (column mapping, SBOM target). */
  readonly options: ImportOptions;
  readonly signal: AbortSignal;
}

export interface ImportOptions {
  /**
   * Inventory CSV/JSON: the column mapping as the user wrote it (YAML or JSON, validated by the
   * format); guessed from the header when absent.
   */
  readonly mapping?: unknown;
  /** SBOM: attach to this asset, or to this device model (vendor + model). */
  readonly assetId?: string | undefined;
  readonly vendor?: string | undefined;
  readonly model?: string | undefined;
}

export type Reader = (input: AsyncIterable<Uint8Array>, context: ReaderContext) => Promise<Reading>;

export type ReaderTable = Readonly<Record<ImportKind, Reader>>;

export function emptyReading(): Reading {
  return { observations: [], flows: [], sbom: null, diagnostics: [] };
}
