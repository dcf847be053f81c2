/**
 * Writes KEV entries as a catalog in CISA's JSON layout, for tests (round trips) and for exporting
 * a filtered catalog. `parseKev(writeKev(entries, meta))` gives the entries back.
 *
 * @example
 * ```ts
 * writeKev([entry], { catalogVersion: '2025.08.25', dateReleased: '2025-08-25T17:04:19.9796Z' });
 * // → '{\n  "title": "CISA Catalog of Known Exploited Vulnerabilities", …, "count": 1, "vulnerabilities": [ … ] }\n'
 * ```
 */
import type { KevEntry } from '../../domain/vulnerability.js';

/** The catalog header written before the entries. */
export interface KevCatalogMeta {
  readonly catalogVersion: string;
  readonly dateReleased: string;
  readonly title?: string;
}

/** The catalog as JSON text, `count` set to the number of entries. */
export function writeKev(entries: readonly KevEntry[], meta: KevCatalogMeta): string {
  const catalog = {
    title: meta.title ?? 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: meta.catalogVersion,
    dateReleased: meta.dateReleased,
    count: entries.length,
    vulnerabilities: entries.map((entry) => ({
      cveID: entry.cveId,
      vendorProject: entry.vendorProject,
      product: entry.product,
      vulnerabilityName: entry.name,
      dateAdded: entry.dateAdded,
      shortDescription: entry.description,
      requiredAction: entry.requiredAction,
      dueDate: entry.dueDate,
      knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse ? 'Known' : 'Unknown',
      notes: entry.notes,
      cwes: [...entry.cwes],
    })),
  };
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
