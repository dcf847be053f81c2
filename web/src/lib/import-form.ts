/**
 * The upload form's checks and the `POST /imports` query it builds. A column mapping may be typed
 * as YAML or JSON; the API takes JSON, so YAML is converted here (YAML 1.2 reads JSON as well).
 */
import type { ImportKind, ImportUpload } from '../api/types';

/** What an SBOM describes: one asset, or every device of a vendor and model. */
export type SbomTarget = 'asset' | 'model';

export interface ImportFormValues {
  readonly kind: ImportKind | null;
  /** The chosen file's name, or null before one is chosen. */
  readonly fileName: string | null;
  readonly mapping: string;
  readonly sbomTarget: SbomTarget;
  readonly assetId: string;
  readonly vendor: string;
  readonly model: string;
}

export type ImportFormField = 'kind' | 'file' | 'mapping' | 'assetId' | 'vendor' | 'model';
export type ImportFormProblems = Partial<Record<ImportFormField, string>>;

export const EMPTY_IMPORT_FORM: ImportFormValues = {
  kind: null,
  fileName: null,
  mapping: '',
  sbomTarget: 'asset',
  assetId: '',
  vendor: '',
  model: '',
};

/** The API's limits on the query: a mapping's JSON, a vendor or model name. */
const MAX_MAPPING_CHARS = 16_384;
const MAX_NAME_CHARS = 128;
const ASSET_ID = /^[a-z]{3}_[0-9a-z]+$/;

/**
 * An asset id typed as is (`ast_01j…`) or pasted as the asset page's address
 * (`https://wardline.example/assets/ast_01j…`); null when it is neither.
 */
export function assetIdOf(text: string): string | null {
  const value = text.trim();
  const fromPath = /\/assets\/([^/?#]+)/.exec(value)?.[1];
  const id = fromPath === undefined ? value : decodeURIComponent(fromPath);
  return ASSET_ID.test(id) && id.length <= 64 ? id : null;
}

/** A mapping typed as YAML or JSON, as the JSON text the API takes, or why it cannot be read. */
export async function mappingJson(
  text: string,
): Promise<{ readonly json: string } | { readonly problem: string }> {
  let value: unknown;
  try {
    const { parse } = await import('yaml');
    value = parse(text, { maxAliasCount: 10 });
  } catch (error) {
    const detail = error instanceof Error ? ` ${error.message.split('\n')[0] ?? ''}` : '';
    return { problem: `The mapping is neither YAML nor JSON.${detail}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'The mapping is a set of keys such as fields: and delimiter:.' };
  }
  const json = JSON.stringify(value);
  if (json.length > MAX_MAPPING_CHARS) {
    return { problem: 'The mapping is too long (more than 16 KB as JSON).' };
  }
  return { json };
}

function sbomProblems(values: ImportFormValues): ImportFormProblems {
  if (values.sbomTarget === 'asset') {
    return assetIdOf(values.assetId) === null
      ? { assetId: 'Enter the asset’s Wardline ID (ast_…) or paste its page address.' }
      : {};
  }
  const problems: ImportFormProblems = {};
  const vendor = values.vendor.trim();
  const model = values.model.trim();
  if (vendor === '' || vendor.length > MAX_NAME_CHARS) problems.vendor = 'Enter the vendor.';
  if (model === '' || model.length > MAX_NAME_CHARS) problems.model = 'Enter the model.';
  return problems;
}

function sbomOptions(values: ImportFormValues): Partial<ImportUpload> {
  if (values.sbomTarget === 'asset') return { assetId: assetIdOf(values.assetId) ?? '' };
  return { vendor: values.vendor.trim(), model: values.model.trim() };
}

/**
 * Checks the form and builds the upload's query, or says what to fix, field by field.
 * @example await prepareImport({ ...EMPTY_IMPORT_FORM, kind: 'nmap', fileName: 'scan.xml' })
 * // → { upload: { kind: 'nmap', fileName: 'scan.xml' } }
 */
export async function prepareImport(
  values: ImportFormValues,
): Promise<{ readonly upload: ImportUpload } | { readonly problems: ImportFormProblems }> {
  const problems: ImportFormProblems = {};
  if (values.kind === null) problems.kind = 'Choose what kind of file this is.';
  if (values.fileName === null) problems.file = 'Choose a file.';
  if (values.kind === 'sbom') Object.assign(problems, sbomProblems(values));
  let mapping: string | undefined;
  if (values.kind === 'inventory' && values.mapping.trim() !== '') {
    const read = await mappingJson(values.mapping);
    if ('problem' in read) problems.mapping = read.problem;
    else mapping = read.json;
  }
  if (values.kind === null || values.fileName === null || Object.keys(problems).length > 0) {
    return { problems };
  }
  return {
    upload: {
      kind: values.kind,
      fileName: safeFileName(values.fileName),
      ...(values.kind === 'sbom' ? sbomOptions(values) : {}),
      ...(mapping === undefined ? {} : { mapping }),
    },
  };
}

/** The API takes a bare name of at most 255 characters, without path separators. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is what the server refuses
  const bare = (name.split(/[/\\]/).pop() ?? '').replace(/\u0000/g, '').trim();
  return (bare === '' ? 'upload' : bare).slice(0, 255);
}
