/** CMMS / CMDB device exports (CSV, JSON, NDJSON) with a column mapping: parser, mapping, writer. */
export {
  collectInventory,
  parseInventory,
  readInventoryHeader,
  type InventoryInput,
  type ParseInventoryOptions,
} from './parse.js';
export { parseInventoryMapping, validateInventoryMapping } from './mapping.js';
export { fieldForHeader, guessMapping, HEADER_SYNONYMS, type GuessedMapping } from './guess.js';
export {
  CATEGORY_LABELS,
  CATEGORY_SYNONYMS,
  categorize,
  type CategorySynonym,
} from './category.js';
export { readInventoryDate, type DateParts, type DateReading } from './dates.js';
export { toDeviceObservation } from './observation.js';
export {
  formatInventoryCsv,
  INVENTORY_CSV_MAPPING,
  inventoryCsvLines,
  type InventoryCsvOptions,
} from './write.js';
export * from './limits.js';
export * from './types.js';
