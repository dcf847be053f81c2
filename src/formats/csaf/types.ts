/** The records the CSAF readers return besides the domain's `Advisory`. */
import type { Advisory } from '../../domain/vulnerability.js';
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { CsafDiagnosticCode } from './diagnostics.js';

/** Who issued a document (`document.publisher`). */
export interface CsafPublisher {
  readonly name: string | null;
  /** `coordinator`, `discoverer`, `other`, `translator`, `user` or `vendor`. */
  readonly category: string | null;
  readonly namespace: string | null;
}

/** `document.tracking`. */
export interface CsafTracking {
  readonly currentReleaseDate: string | null;
  readonly initialReleaseDate: string | null;
  /** `draft`, `interim` or `final`. */
  readonly status: string | null;
  readonly version: string | null;
  readonly revisionCount: number;
}

/** One `document.references[]` entry. */
export interface CsafReference {
  readonly url: string;
  /** `self` or `external` (CSAF's default). */
  readonly category: string;
  readonly summary: string | null;
}

/** What a CSAF document says about itself (`document`). */
export interface CsafDocumentInfo {
  /** `document.tracking.id` (`ICSMA-19-178-01`); null when missing. */
  readonly trackingId: string | null;
  readonly title: string | null;
  /** `csaf_security_advisory`, `csaf_vex`, `csaf_base`, … (any string; profiles are open). */
  readonly category: string | null;
  readonly csafVersion: string | null;
  readonly publisher: CsafPublisher;
  readonly tracking: CsafTracking;
  /** `document.distribution.tlp.label` (`WHITE`, `GREEN`, `AMBER`, `RED`, or 2.1's `CLEAR`…). */
  readonly tlpLabel: string | null;
  /** The document's `summary` notes joined (falling back to its first `description` note). */
  readonly summary: string | null;
  readonly references: readonly CsafReference[];
}

/** Options for `parseCsaf`. */
export interface ParseCsafOptions {
  /** The name the caller gives the input (a file name, a URL); copied into every diagnostic. */
  readonly source: string;
  /** Bytes (characters for a string input) read at most; default 32 MiB. */
  readonly maxBytes?: number;
}

/** What `parseCsaf` returns. */
export interface CsafParseResult {
  readonly document: CsafDocumentInfo;
  readonly advisories: Advisory[];
  readonly diagnostics: Diagnostic<CsafDiagnosticCode>[];
}
