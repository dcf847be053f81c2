/** The reader of each import kind. */
import { readInventory, readSbom } from './read-files.js';
import { readCapture } from './read-capture.js';
import { readNmap } from './read-nmap.js';
import { readNessus, readOpenvas } from './read-scanners.js';
import type { ReaderTable } from './reading.js';

export const READERS: ReaderTable = {
  nmap: readNmap,
  openvas: readOpenvas,
  nessus: readNessus,
  inventory: readInventory,
  sbom: readSbom,
  capture: readCapture,
};
