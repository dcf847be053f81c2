/** The reader of each import kind. */
import { WardlineError } from '../../domain/errors.js';
import type { ImportKind } from '../../domain/import.js';
import { readInventory, readSbom } from './read-files.js';
import { readNmap } from './read-nmap.js';
import { readNessus, readOpenvas } from './read-scanners.js';
import type { Reader, ReaderTable } from './reading.js';

const notYet =
  (kind: ImportKind): Reader =>
  () =>
    Promise.reject(
      new WardlineError(
        'WL_IMPORT_UNKNOWN_FORMAT',
        `Importing ${kind} files is not available yet.`,
      ),
    );

export const READERS: ReaderTable = {
  nmap: readNmap,
  openvas: readOpenvas,
  nessus: readNessus,
  inventory: readInventory,
  sbom: readSbom,
  capture: notYet('capture'),
};
