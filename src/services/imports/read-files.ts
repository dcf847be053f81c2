/**
 * Readers for the files people keep about devices rather than scan: a CMMS or CMDB export (through
 * its column mapping) and a device maker's SBOM.
 */
import {
  parseInventory,
  toDeviceObservation,
  validateInventoryMapping,
} from '../../formats/inventory/index.js';
import { parseSbom, type SbomComponent, type SbomDocument } from '../../formats/sbom/index.js';
import {
  emptyReading,
  type Reader,
  type SbomComponentReading,
  type SbomReading,
} from './reading.js';

/** A CMMS/CMDB export: one observation per row that names a device; the mapping is guessed when absent. */
export const readInventory: Reader = async (input, context) => {
  const reading = emptyReading();
  const mapping =
    context.options.mapping === undefined
      ? undefined
      : validateInventoryMapping(context.options.mapping, 'mapping');
  for await (const item of parseInventory(input, {
    source: context.source.name,
    ...(mapping === undefined ? {} : { mapping }),
  })) {
    if (context.signal.aborted) break;
    if (item.kind === 'record') {
      reading.observations.push(
        toDeviceObservation(item.record, context.source, context.importedAt),
      );
    } else if (item.kind === 'diagnostic') {
      reading.diagnostics.push(item.diagnostic);
    }
  }
  return reading;
};

/** Caps what one SBOM may hold in memory before it is written: far above real device SBOMs. */
const MAX_COMPONENTS = 200_000;

/** An SBOM: the document and its components; no device observation (it names no address). */
export const readSbom: Reader = async (input, context) => {
  const reading = emptyReading();
  const components: SbomComponentReading[] = [];
  let document: SbomDocument | null = null;
  for await (const item of parseSbom(input, { source: context.source.name })) {
    if (context.signal.aborted) break;
    if (item.kind === 'component') {
      if (components.length < MAX_COMPONENTS) components.push(componentReading(item.component));
    } else if (item.kind === 'diagnostic') reading.diagnostics.push(item.diagnostic);
    else if (item.kind === 'document') document = item.document;
  }
  return document === null ? reading : { ...reading, sbom: sbomReading(document, components) };
};

/** The document as stored: named after its primary component (the device) when it has one. */
function sbomReading(document: SbomDocument, components: SbomComponentReading[]): SbomReading {
  const primary = document.primary;
  if (primary === null) {
    return {
      format: document.format,
      specVersion: document.specVersion,
      documentId: document.documentId,
      name: document.name,
      version: null,
      supplier: document.manufacturer ?? document.supplier,
      endOfSupport: null,
      components,
    };
  }
  return {
    format: document.format,
    specVersion: document.specVersion,
    documentId: document.documentId,
    name: primary.model ?? primary.name,
    version: primary.version,
    supplier:
      primary.manufacturer ?? primary.supplier ?? document.manufacturer ?? document.supplier,
    endOfSupport: primary.endOfSupport,
    components,
  };
}

function componentReading(c: SbomComponent): SbomComponentReading {
  return {
    ref: c.ref,
    type: c.type,
    name: c.group === null ? c.name : `${c.group}/${c.name}`,
    version: c.version,
    supplier: c.supplier ?? c.manufacturer ?? c.publisher ?? c.author,
    purl: c.purl,
    cpe: c.cpes[0] ?? null,
    hashes: c.hashes,
    licenses: c.licenses,
  };
}
