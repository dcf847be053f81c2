/**
 * What one row of a CMMS or CMDB device export says, in Wardline's words, and how a user tells
 * Wardline which of their columns holds which fact. No store ids, no merging: the inventory engine
 * does that with the `DeviceObservation` built from each record.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { AssetCategory, PatientSafetyImpact } from '../../domain/inventory.js';

/** The Wardline fields a column can be mapped to. */
export const INVENTORY_FIELDS = [
  'name',
  'hostname',
  'ip',
  'mac',
  'serial',
  'assetTag',
  'vendor',
  'model',
  'os',
  'firmware',
  'category',
  'patientSafety',
  'holdsEphi',
  'location',
  'department',
  'owner',
  'zone',
  'site',
  'aeTitle',
  'vlan',
  'endOfSupport',
  'lastSeen',
] as const;
/** A Wardline field a column can be mapped to. */
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** The export layouts the parser reads. */
export const INVENTORY_FORMATS = ['csv', 'json', 'ndjson'] as const;
/** One of `INVENTORY_FORMATS`. */
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** The encodings the parser reads; detected when the mapping names none. */
export const INVENTORY_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
/** One of `INVENTORY_ENCODINGS`. */
export type InventoryEncoding = (typeof INVENTORY_ENCODINGS)[number];

/** CSV delimiters the parser sniffs or accepts from the mapping. */
export const INVENTORY_DELIMITERS = [',', ';', '\t', '|'] as const;
/** One of `INVENTORY_DELIMITERS`. */
export type InventoryDelimiter = (typeof INVENTORY_DELIMITERS)[number];

/** Day-month order for `03/04/2024` and `03-04-2024`: US month first, or day first. */
export const DATE_ORDERS = ['mdy', 'dmy'] as const;
/** One of `DATE_ORDERS`. */
export type DateOrder = (typeof DATE_ORDERS)[number];

/**
 * Which of the user's columns holds which Wardline field, and how to read the file. Only `fields`
 * is required; everything else is detected when absent.
 */
export interface InventoryMapping {
  /** Wardline field → the column name (CSV header) or key (JSON) that holds it. */
  readonly fields: Readonly<Partial<Record<InventoryField, string>>>;
  readonly format?: InventoryFormat;
  readonly delimiter?: InventoryDelimiter;
  readonly encoding?: InventoryEncoding;
  /** How to read `a/b/yyyy` and `a-b-yyyy` dates; slashes default to US `mdy`. */
  readonly dateOrder?: DateOrder;
  /** Which number on a 1–4 patient-safety scale means `high`; 4 when absent. */
  readonly patientSafetyHighest?: 1 | 4;
  /** The site's own category texts, matched before the built-in synonyms (case-insensitive). */
  readonly categories?: Readonly<Record<string, AssetCategory>>;
}

/** One device row, its values checked and normalized; `null` or empty when absent or invalid. */
export interface InventoryRecord {
  /** 1-based data row: CSV records after the header, JSON elements, NDJSON lines with content. */
  readonly row: number;
  /** 1-based line of the input where the row starts. */
  readonly line: number;
  readonly name: string | null;
  /** Lower case, without a trailing dot. */
  readonly hostname: string | null;
  /** IPv4 dotted quads and RFC 5952 IPv6, in the order given, without duplicates. */
  readonly ips: readonly string[];
  /** `00:1b:63:84:45:e6` */
  readonly mac: string | null;
  readonly serial: string | null;
  readonly assetTag: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly firmware: string | null;
  readonly category: AssetCategory | null;
  readonly patientSafety: PatientSafetyImpact | null;
  readonly holdsEphi: boolean | null;
  readonly location: string | null;
  readonly department: string | null;
  readonly owner: string | null;
  readonly zone: string | null;
  readonly site: string | null;
  readonly aeTitles: readonly string[];
  readonly vlan: number | null;
  /** `YYYY-MM-DD` */
  readonly endOfSupport: string | null;
  /** ISO 8601 UTC; a time without a zone is read as UTC. */
  readonly lastSeen: string | null;
}

/** Every code the parser reports; see the README for their meaning. */
export const INVENTORY_DIAGNOSTIC_CODES = [
  'WL_INVENTORY_ROW_MALFORMED',
  'WL_INVENTORY_ROW_NO_IDENTIFIER',
  'WL_INVENTORY_VALUE_INVALID',
  'WL_INVENTORY_VALUE_EXTRA',
  'WL_INVENTORY_DATE_AMBIGUOUS',
  'WL_INVENTORY_CATEGORY_UNKNOWN',
  'WL_INVENTORY_COLUMN_MISSING',
  'WL_INVENTORY_COLUMN_DUPLICATE',
  'WL_INVENTORY_ENCODING_FALLBACK',
  'WL_INVENTORY_ENCODING_INVALID',
  'WL_INVENTORY_TRUNCATED',
  'WL_INVENTORY_LIMIT_EXCEEDED',
] as const;
/** One of `INVENTORY_DIAGNOSTIC_CODES`. */
export type InventoryDiagnosticCode = (typeof INVENTORY_DIAGNOSTIC_CODES)[number];
/** A diagnostic with an inventory code. */
export type InventoryDiagnostic = Diagnostic<InventoryDiagnosticCode>;

/** What the parser found before the first row: the layout and the mapping it reads with. */
export interface InventoryHeader {
  readonly format: InventoryFormat;
  /** `null` for JSON and NDJSON. */
  readonly delimiter: InventoryDelimiter | null;
  /** CSV header cells, or the keys of the first JSON object, in order. */
  readonly columns: readonly string[];
  readonly mapping: InventoryMapping;
  /** True when no mapping was given and `guessMapping` chose it from the columns. */
  readonly guessed: boolean;
  /** Columns no field is mapped to. */
  readonly unplaced: readonly string[];
}

/** Counts for the whole file, yielded last. */
export interface InventorySummary {
  /** Data rows read, good or bad. */
  readonly rows: number;
  readonly records: number;
  /** Rows skipped whole: malformed, without an identifier, or past a cap. */
  readonly skipped: number;
  /** The encoding the bytes were read in. */
  readonly encoding: InventoryEncoding;
}

/** What the streaming parser yields: the header first, then records and diagnostics, the summary last. */
export type InventoryParseItem =
  | { readonly kind: 'header'; readonly header: InventoryHeader }
  | { readonly kind: 'record'; readonly record: InventoryRecord }
  | { readonly kind: 'diagnostic'; readonly diagnostic: InventoryDiagnostic }
  | { readonly kind: 'summary'; readonly summary: InventorySummary };

/** Everything from one export, for callers that want it whole (tests, small files). */
export interface InventoryReport {
  readonly header: InventoryHeader | null;
  readonly records: readonly InventoryRecord[];
  readonly diagnostics: readonly InventoryDiagnostic[];
  readonly summary: InventorySummary;
}
