/**
 * Mapping files: which column holds which Wardline field, in YAML or JSON (one parser: YAML 1.2
 * reads JSON). Every problem is collected and thrown at once as `WL_INVENTORY_MAPPING_INVALID`, so
 * a user fixes the file in one pass.
 *
 * @example
 * ```yaml
 * delimiter: ";"
 * encoding: windows-1252
 * dateOrder: dmy
 * fields:
 *   assetTag: Inventar-Nr.
 *   serial: Seriennummer
 *   vendor: Hersteller
 * categories:
 *   LVP: infusion-pump
 * ```
 */
import { parseDocument } from 'yaml';
import { ASSET_CATEGORIES, type AssetCategory } from '../../domain/inventory.js';
import { WardlineError } from '../../domain/errors.js';
import { MAX_MAPPING_CHARS } from './limits.js';
import {
  DATE_ORDERS,
  INVENTORY_FIELDS,
  INVENTORY_FORMATS,
  type InventoryDelimiter,
  type InventoryEncoding,
  type InventoryField,
  type InventoryMapping,
} from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Longest column name a mapping may give. */
const MAX_COLUMN_NAME_CHARS = 256;
/** Most entries in a mapping's `categories`. */
const MAX_CATEGORY_ENTRIES = 1000;
const YAML_MAX_ALIASES = 100;

const TOP_LEVEL_KEYS = [
  'fields',
  'format',
  'delimiter',
  'encoding',
  'dateOrder',
  'patientSafetyHighest',
  'categories',
] as const;

const DELIMITER_NAMES: Readonly<Record<string, InventoryDelimiter>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

const ENCODING_NAMES: Readonly<Record<string, InventoryEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  ansi: 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
};

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(
  value: unknown,
  names: Readonly<Record<string, T>>,
  key: string,
  problems: string[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = typeof value === 'string' ? names[value.toLowerCase()] : undefined;
  if (found === undefined) {
    problems.push(`${key} must be one of ${Object.keys(names).map(show).join(', ')}`);
  }
  return found;
}

const show = (value: string): string => JSON.stringify(value);
const identity = <T extends string>(list: readonly T[]): Record<string, T> =>
  Object.fromEntries(list.map((item) => [item.toLowerCase(), item]));

function readFields(value: unknown, problems: string[]): Partial<Record<InventoryField, string>> {
  const fields: Partial<Record<InventoryField, string>> = {};
  if (!isRecord(value)) {
    problems.push('fields must be a map from Wardline field to column name');
    return fields;
  }
  const known: ReadonlySet<string> = new Set(INVENTORY_FIELDS);
  const seen = new Map<string, string>();
  for (const [field, column] of Object.entries(value)) {
    if (!known.has(field)) {
      problems.push(`fields.${field} is not a Wardline field (${INVENTORY_FIELDS.join(', ')})`);
      continue;
    }
    if (typeof column !== 'string' || column.trim() === '') {
      problems.push(`fields.${field} must be a column name`);
      continue;
    }
    const name = column.trim();
    if (name.length > MAX_COLUMN_NAME_CHARS) {
      problems.push(`fields.${field} is longer than ${MAX_COLUMN_NAME_CHARS} characters`);
      continue;
    }
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      problems.push(`fields.${field} and fields.${earlier} both name the column ${show(name)}`);
      continue;
    }
    seen.set(name.toLowerCase(), field);
    fields[field as InventoryField] = name;
  }
  if (Object.keys(value).length === 0) problems.push('fields maps no field');
  return fields;
}

function readCategories(
  value: unknown,
  problems: string[],
): Record<string, AssetCategory> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || Object.keys(value).length > MAX_CATEGORY_ENTRIES) {
    problems.push(
      `categories must be a map of at most ${MAX_CATEGORY_ENTRIES} texts to categories`,
    );
    return undefined;
  }
  const ids: ReadonlySet<string> = new Set(ASSET_CATEGORIES);
  const categories: Record<string, AssetCategory> = {};
  for (const [text, category] of Object.entries(value)) {
    if (typeof category === 'string' && ids.has(category)) {
      categories[text] = category as AssetCategory;
    } else {
      problems.push(`categories.${text} must be one of ${ASSET_CATEGORIES.join(', ')}`);
    }
  }
  return categories;
}

/** Every `__proto__`, `constructor` or `prototype` key, at any depth, as a dotted path. */
function forbiddenKeys(value: unknown, path: string, found: string[], depth = 0): void {
  if (typeof value !== 'object' || value === null || depth > 8) return;
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) found.push(at);
    else forbiddenKeys((value as Record<string, unknown>)[key], at, found, depth + 1);
  }
}

function invalid(problems: readonly string[], source: string): WardlineError {
  return new WardlineError(
    'WL_INVENTORY_MAPPING_INVALID',
    `The inventory mapping ${source} is invalid: ${problems.join('; ')}.`,
    { details: { source, problems } },
  );
}

/** The options besides `fields`, aliases resolved; problems collected. */
function readOptions(
  value: Record<string, unknown>,
  problems: string[],
): Omit<Mutable<InventoryMapping>, 'fields'> {
  const options: Omit<Mutable<InventoryMapping>, 'fields'> = {};
  const format = oneOf(value['format'], identity(INVENTORY_FORMATS), 'format', problems);
  const delimiter = oneOf(value['delimiter'], DELIMITER_NAMES, 'delimiter', problems);
  const encoding = oneOf(value['encoding'], ENCODING_NAMES, 'encoding', problems);
  const dateOrder = oneOf(value['dateOrder'], identity(DATE_ORDERS), 'dateOrder', problems);
  const highest = value['patientSafetyHighest'];
  const categories = readCategories(value['categories'], problems);
  if (format !== undefined) options.format = format;
  if (delimiter !== undefined) options.delimiter = delimiter;
  if (encoding !== undefined) options.encoding = encoding;
  if (dateOrder !== undefined) options.dateOrder = dateOrder;
  if (highest === 1 || highest === 4) options.patientSafetyHighest = highest;
  else if (highest !== undefined) {
    problems.push('patientSafetyHighest must be 4 (4 is high) or 1 (1 is high)');
  }
  if (categories !== undefined) options.categories = categories;
  return options;
}

/**
 * Checks a mapping given as a plain value (a parsed file, an API body) and returns it normalized:
 * columns trimmed, aliases such as `tab` or `cp1252` resolved. Throws
 * `WardlineError('WL_INVENTORY_MAPPING_INVALID')` naming every problem: unknown Wardline fields,
 * two fields on one column, unknown options or values, refused keys.
 */
export function validateInventoryMapping(value: unknown, source = 'mapping'): InventoryMapping {
  const problems: string[] = [];
  if (!isRecord(value)) throw invalid(['it must be a map with a fields entry'], source);
  const refused: string[] = [];
  forbiddenKeys(value, '', refused);
  if (refused.length > 0) throw invalid([`refused keys: ${refused.join(', ')}`], source);
  for (const key of Object.keys(value)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      problems.push(`${key} is not a mapping option (${TOP_LEVEL_KEYS.join(', ')})`);
    }
  }
  const mapping = {
    fields: readFields(value['fields'], problems),
    ...readOptions(value, problems),
  };
  if (problems.length > 0) throw invalid(problems, source);
  return mapping;
}

/**
 * Reads a mapping file's text (YAML or JSON) and validates it; throws
 * `WardlineError('WL_INVENTORY_MAPPING_INVALID')` with every problem, syntax errors included.
 */
export function parseInventoryMapping(text: string, source: string): InventoryMapping {
  if (text.length > MAX_MAPPING_CHARS) {
    throw invalid([`the file is longer than ${MAX_MAPPING_CHARS} characters`], source);
  }
  const document = parseDocument(text.replace(/^\uFEFF/, ''), {
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (document.errors.length > 0) {
    throw invalid(
      document.errors.map((error) => error.message.split('\n')[0] ?? error.code),
      source,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (thrown) {
    throw invalid([thrown instanceof Error ? thrown.message : 'unreadable'], source);
  }
  return validateInventoryMapping(value, source);
}
