/**
 * Imports: a file a user hands Wardline (a scan, a CMMS export, an SBOM, a capture) and what it
 * did to the inventory. A file lands whole or not at all, and the same file twice changes nothing.
 */
import type { Diagnostic } from './diagnostic.js';

export const IMPORT_KINDS = ['nmap', 'openvas', 'nessus', 'inventory', 'sbom', 'capture'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** `imported` changed the inventory (or found it already up to date); `duplicate` was the same file as an earlier import. */
export const IMPORT_STATUSES = ['running', 'imported', 'duplicate', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportCounts {
  /** Devices the file described. */
  readonly observations: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Conversations (captures). */
  readonly flows: number;
  /** SBOM components. */
  readonly components: number;
}

export interface ImportSummary {
  readonly id: string;
  readonly jobId: string | null;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly status: ImportStatus;
  readonly counts: ImportCounts;
  /** The assets the import created or changed (at most the first 1,000). */
  readonly assetIds: readonly string[];
  /** How many diagnostics the parser reported; the first are kept with the import. */
  readonly diagnostics: number;
  /** The earlier import of the same file, for a duplicate. */
  readonly duplicateOf: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export type ImportDiagnostic = Diagnostic;

export const EMPTY_IMPORT_COUNTS: ImportCounts = {
  observations: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  flows: 0,
  components: 0,
};
