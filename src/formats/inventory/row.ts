/**
 * One row's cells to an `InventoryRecord`: each mapped cell read by its field's reader. A bad
 * value is dropped with a diagnostic naming line and column, and the row kept; a row left with no
 * identifier is skipped.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import type { AssetCategory } from '../../domain/inventory.js';
import { categorize, customCategories } from './category.js';
import { formatDay, formatInstant, readInventoryDate, type DateParts } from './dates.js';
import { MAX_FIELD_CHARS, MAX_UNKNOWN_CATEGORIES } from './limits.js';
import type { InputPosition, RowCells } from './sink.js';
import type {
  InventoryDiagnosticCode,
  InventoryField,
  InventoryFormat,
  InventoryMapping,
  InventoryRecord,
} from './types.js';
import {
  isPlaceholder,
  readAeTitles,
  readFlag,
  readHostname,
  readIps,
  readMac,
  readPatientSafety,
  readVlan,
} from './values.js';

/** Distinct category texts remembered per file. */
const CATEGORY_CACHE_SIZE = 4096;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<InventoryRecord, 'row' | 'line'>>;

/** Receives a diagnostic at a position. */
export type Reporter = (
  code: InventoryDiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
  at: InputPosition,
) => void;

/**
 * The cell a field reader is handed: its text and where it is, and a way to complain. One per
 * mapper, refilled for every cell, so reading a row allocates no closures.
 */
class Cell {
  text = '';
  column = '';
  at: InputPosition = { line: 0, offset: 0 };

  constructor(private readonly reporter: Reporter) {}

  report(code: InventoryDiagnosticCode, severity: DiagnosticSeverity, message: string): void {
    this.reporter(
      code,
      severity,
      `Line ${this.at.line}, column ${q(this.column)}: ${message}`,
      this.at,
    );
  }

  /** Drops the value with `WL_INVENTORY_VALUE_INVALID`, saying why. */
  invalid(why: string): void {
    this.report(
      'WL_INVENTORY_VALUE_INVALID',
      'warning',
      `${q(this.text)} ${why}; the value is dropped.`,
    );
  }
}

const q = (text: string): string =>
  JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

function blankDraft(): Draft {
  return {
    name: null,
    hostname: null,
    ips: [],
    mac: null,
    serial: null,
    assetTag: null,
    vendor: null,
    model: null,
    os: null,
    firmware: null,
    category: null,
    patientSafety: null,
    holdsEphi: null,
    location: null,
    department: null,
    owner: null,
    zone: null,
    site: null,
    aeTitles: [],
    vlan: null,
    endOfSupport: null,
    lastSeen: null,
  };
}

/** Fields kept as the trimmed text. */
type TextField =
  | 'name'
  | 'serial'
  | 'assetTag'
  | 'vendor'
  | 'model'
  | 'os'
  | 'firmware'
  | 'location'
  | 'department'
  | 'owner'
  | 'zone'
  | 'site';

/** Reports the parts of a list cell that failed; the rest of the cell is kept. */
function dropParts(cell: Cell, invalid: readonly string[], what: string): void {
  if (invalid.length === 0) return;
  if (invalid.length === 1 && invalid[0] === cell.text) {
    cell.invalid(`is not ${what}`);
    return;
  }
  const list = invalid.map(q).join(', ');
  const verb = invalid.length === 1 ? 'is' : 'are';
  cell.report(
    'WL_INVENTORY_VALUE_INVALID',
    'warning',
    `${list} in ${q(cell.text)} ${verb} not ${what}; dropped, the rest of the cell is kept.`,
  );
}

function hasIdentifier(draft: Draft): boolean {
  return (
    draft.mac !== null ||
    draft.ips.length > 0 ||
    draft.hostname !== null ||
    draft.serial !== null ||
    draft.assetTag !== null ||
    draft.name !== null
  );
}

/** Maps one file's rows through its mapping; holds the per-file caches. */
export class RowMapper {
  /** Field → the column name as the rows spell it. */
  private readonly resolved: readonly (readonly [InventoryField, string])[];
  private readonly categories: ReadonlyMap<string, AssetCategory>;
  private readonly unknownCategories = new Set<string>();
  /** Category texts already looked up: exports repeat a few dozen texts over every row. */
  private readonly categoryCache = new Map<string, AssetCategory | null>();
  private readonly cell: Cell;
  private readonly readers: Readonly<Record<InventoryField, (cell: Cell, draft: Draft) => void>>;

  constructor(
    private readonly mapping: InventoryMapping,
    columns: readonly string[],
    format: InventoryFormat,
    private readonly report: Reporter,
    headerAt: InputPosition,
  ) {
    this.cell = new Cell(report);
    this.resolved = this.resolve(columns, format, headerAt);
    this.categories = customCategories(mapping.categories);
    this.readers = this.fieldReaders();
  }

  private resolve(
    columns: readonly string[],
    format: InventoryFormat,
    at: InputPosition,
  ): [InventoryField, string][] {
    const resolved: [InventoryField, string][] = [];
    for (const [field, column] of Object.entries(this.mapping.fields) as [
      InventoryField,
      string,
    ][]) {
      const wanted = column.trim().toLowerCase();
      const matches = columns.filter((c) => c.trim().toLowerCase() === wanted);
      const exact = columns.find((c) => c === column);
      const found = exact ?? matches[0];
      if (matches.length > 1) {
        this.report(
          'WL_INVENTORY_COLUMN_DUPLICATE',
          'warning',
          `The column ${q(column)} (field ${field}) appears ${matches.length} times; the first is read.`,
          at,
        );
      }
      if (found !== undefined) resolved.push([field, found]);
      else if (format === 'csv') {
        this.report(
          'WL_INVENTORY_COLUMN_MISSING',
          'warning',
          `The column ${q(column)} mapped to ${field} is not in the header; ${field} stays empty.`,
          at,
        );
      } else resolved.push([field, column]);
    }
    return resolved;
  }

  /** The record for one row, or null (with a diagnostic) when it has no usable identifier. */
  read(cells: RowCells, row: number, at: InputPosition): InventoryRecord | null {
    const draft = blankDraft();
    for (const [field, column] of this.resolved) {
      const raw = cells(column);
      if (raw === undefined) continue;
      const text = raw.trim();
      if (text === '') continue;
      if (isPlaceholder(text) && !(field === 'patientSafety' && text.toLowerCase() === 'none')) {
        continue;
      }
      const cell = this.cell;
      cell.text = text;
      cell.column = column;
      cell.at = at;
      if (text.length > MAX_FIELD_CHARS)
        cell.invalid(`is longer than ${MAX_FIELD_CHARS} characters`);
      else this.readers[field](cell, draft);
    }
    if (!hasIdentifier(draft)) {
      this.report(
        'WL_INVENTORY_ROW_NO_IDENTIFIER',
        'warning',
        `Line ${at.line}: the row has no MAC, IP, host name, serial, asset tag or name; it is skipped.`,
        at,
      );
      return null;
    }
    return { row, line: at.line, ...draft };
  }

  private fieldReaders(): Record<InventoryField, (cell: Cell, draft: Draft) => void> {
    const text =
      (key: TextField) =>
      (cell: Cell, draft: Draft): void => {
        draft[key] = cell.text;
      };
    return {
      name: text('name'),
      hostname: (cell, draft) => {
        draft.hostname = readHostname(cell.text) ?? null;
        if (draft.hostname === null) cell.invalid('is not a host name');
      },
      ip: (cell, draft) => {
        const { ips, invalid } = readIps(cell.text);
        draft.ips = ips;
        dropParts(cell, invalid, 'an IP address');
      },
      mac: (cell, draft) => {
        const { mac, invalid, extra } = readMac(cell.text);
        draft.mac = mac;
        dropParts(cell, invalid, 'a device MAC address');
        if (extra.length > 0) {
          cell.report(
            'WL_INVENTORY_VALUE_EXTRA',
            'info',
            `the cell holds more than one MAC; ${mac ?? ''} is kept, ${extra.join(', ')} not.`,
          );
        }
      },
      serial: text('serial'),
      assetTag: text('assetTag'),
      vendor: text('vendor'),
      model: text('model'),
      os: text('os'),
      firmware: text('firmware'),
      category: (cell, draft) => {
        this.readCategory(cell, draft);
      },
      patientSafety: (cell, draft) => {
        draft.patientSafety =
          readPatientSafety(cell.text, this.mapping.patientSafetyHighest ?? 4) ?? null;
        if (draft.patientSafety === null) {
          cell.invalid(
            'is not a patient-safety level (high, medium, low, none, life support or 1–4)',
          );
        }
      },
      holdsEphi: (cell, draft) => {
        draft.holdsEphi = readFlag(cell.text) ?? null;
        if (draft.holdsEphi === null) cell.invalid('is not yes or no');
      },
      location: text('location'),
      department: text('department'),
      owner: text('owner'),
      zone: text('zone'),
      site: text('site'),
      aeTitle: (cell, draft) => {
        const { titles, invalid } = readAeTitles(cell.text);
        draft.aeTitles = titles;
        dropParts(cell, invalid, 'a DICOM AE title');
      },
      vlan: (cell, draft) => {
        draft.vlan = readVlan(cell.text) ?? null;
        if (draft.vlan === null) cell.invalid('is not a VLAN id (1–4094)');
      },
      endOfSupport: (cell, draft) => {
        const parts = this.readDate(cell);
        draft.endOfSupport = parts === null ? null : formatDay(parts);
      },
      lastSeen: (cell, draft) => {
        const parts = this.readDate(cell);
        draft.lastSeen = parts === null ? null : formatInstant(parts);
      },
    };
  }

  private readCategory(cell: Cell, draft: Draft): void {
    let category = this.categoryCache.get(cell.text);
    if (category === undefined) {
      category = categorize(cell.text, this.categories);
      if (this.categoryCache.size < CATEGORY_CACHE_SIZE)
        this.categoryCache.set(cell.text, category);
    }
    draft.category = category;
    if (draft.category !== null) return;
    const key = cell.text.toLowerCase();
    if (this.unknownCategories.has(key) || this.unknownCategories.size >= MAX_UNKNOWN_CATEGORIES) {
      return;
    }
    this.unknownCategories.add(key);
    cell.report(
      'WL_INVENTORY_CATEGORY_UNKNOWN',
      'info',
      `the category ${q(cell.text)} matches no Wardline category; rows with it get none (add it under categories in the mapping). Reported once.`,
    );
  }

  private readDate(cell: Cell): DateParts | null {
    const reading = readInventoryDate(cell.text, this.mapping.dateOrder);
    if (reading.kind === 'date') return reading.parts;
    if (reading.kind === 'invalid') {
      cell.invalid('is not a date Wardline reads (ISO, MM/DD/YYYY, DD.MM.YYYY, 14 Mar 2024)');
    } else {
      cell.report(
        'WL_INVENTORY_DATE_AMBIGUOUS',
        'warning',
        `${q(cell.text)} is ambiguous: ${reading.reason}; the value is dropped. Set dateOrder (mdy or dmy) in the mapping or write dates as YYYY-MM-DD.`,
      );
    }
    return null;
  }
}
