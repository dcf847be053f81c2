/** Reads a column-mapping file (YAML or JSON) for inventory imports; the format validates it. */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { WardlineError } from '../../domain/errors.js';

/** Mapping files are a few lines; anything bigger is a mistake. */
const MAX_MAPPING_BYTES = 64 * 1024;

export async function readMappingFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  if (text.length > MAX_MAPPING_BYTES) {
    throw new WardlineError('WL_CLI_USAGE', `The mapping file ${path} is larger than 64 KiB.`);
  }
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both. Aliases are capped by the library.
    return parse(text, { maxAliasCount: 10 }) as unknown;
  } catch (error) {
    throw new WardlineError('WL_CLI_USAGE', `The mapping file ${path} is neither YAML nor JSON.`, {
      cause: error,
    });
  }
}
