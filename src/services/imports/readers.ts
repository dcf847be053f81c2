/** The reader of each import kind. */
import { WardlineError } from '../../domain/errors.js';
import type { ImportKind } from '../../domain/import.js';
import { readNmap } from './read-nmap.js';
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
  openvas: notYet('openvas'),
  nessus: notYet('nessus'),
  inventory: notYet('inventory'),
  sbom: notYet('sbom'),
  capture: notYet('capture'),
};
