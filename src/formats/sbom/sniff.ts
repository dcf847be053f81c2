/**
 * Tells an SBOM's format from its first bytes, so an upload needs no format field. JSON keys can
 * come in any order (real device SBOMs put `components` before `bomFormat`), so the JSON checks
 * look for any of several keys that only one format uses.
 */
import type { SbomFormat } from './types.js';

/** Keys only CycloneDX JSON uses, or its schema URL. */
const CYCLONEDX_JSON =
  /"(?:bomFormat|bom-ref|specVersion|serialNumber)"\s*:|cyclonedx\.org\/schema/i;
/** Keys only SPDX JSON uses (2.x), or the SPDX 3 JSON-LD context. */
const SPDX_JSON = /"(?:spdxVersion|SPDXID|spdxElementId|documentNamespace)"\s*:|spdx\.org\/rdf\/3/;
/** The root `bom` element, with or without a prefix. */
const CYCLONEDX_XML = /<(?:[A-Za-z_][\w.-]*:)?bom[\s>/]/;
/** The first tag-value line of an SPDX document, or any tag only SPDX uses. */
// `[ \t]*`, not `\s*`: under /m a `\s*` at each line start would rescan runs of blank lines.
const SPDX_TAG =
  /^[ \t]*(?:SPDXVersion|DataLicense|SPDXID|DocumentName|DocumentNamespace|Creator|Created|PackageName|LicenseListVersion)[ \t]*:/m;

/**
 * `'cyclonedx-json'`, `'cyclonedx-xml'`, `'spdx-json'` or `'spdx-tag-value'`, or `null` when the
 * bytes fit none of them. SPDX 3 JSON-LD reads as `'spdx-json'`, which then refuses it by name.
 *
 * @example
 * ```ts
 * sniffSbomFormat('{"bomFormat":"CycloneDX","specVersion":"1.6"}'); // → 'cyclonedx-json'
 * sniffSbomFormat('SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0'); // → 'spdx-tag-value'
 * ```
 */
export function sniffSbomFormat(firstBytes: Uint8Array | string): SbomFormat | null {
  const text = (
    typeof firstBytes === 'string' ? firstBytes : new TextDecoder('utf-8').decode(firstBytes)
  ).replace(/^\uFEFF/, '');
  const start = text.trimStart().charAt(0);
  if (start === '{') return sniffJson(text);
  if (start === '<') return CYCLONEDX_XML.test(text) ? 'cyclonedx-xml' : null;
  return SPDX_TAG.test(text) ? 'spdx-tag-value' : null;
}

/** The format whose marker comes first, when both appear (a CycloneDX BOM quoting SPDX ids). */
function sniffJson(text: string): SbomFormat | null {
  const cyclonedx = CYCLONEDX_JSON.exec(text)?.index ?? -1;
  const spdx = SPDX_JSON.exec(text)?.index ?? -1;
  if (cyclonedx === -1 && spdx === -1) return null;
  if (spdx === -1 || (cyclonedx !== -1 && cyclonedx < spdx)) return 'cyclonedx-json';
  return 'spdx-json';
}
