/**
 * Values for the `%name%` placeholders rules expand with `|expand`. Some come from the inventory
 * (the AE titles of known DICOM devices, the networks of clinical-device and EHR zones), the rest
 * from settings the security lead keeps (home countries, VPN applications, known HL7 senders).
 * A placeholder nobody filled stays empty, and the engine reports the rules that need it.
 */
import type { Kysely } from 'kysely';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import { readStringArray } from '../../store/json-columns.js';
import type { Database } from '../../store/schema.js';

const SETTING = 'detection.placeholders';

/** Placeholders Wardline fills from the inventory; settings may add to them. */
export const INVENTORY_PLACEHOLDERS = {
  known_ae_titles: 'AE titles of DICOM devices in the inventory',
  clinical_device_cidrs: 'networks of clinical-device and imaging zones',
  ehr_cidrs: 'networks of EHR zones',
} as const;

/** Placeholders the bundled rules use that only the security lead can fill (settings). */
export const SETTINGS_PLACEHOLDERS = {
  known_hl7_senders: 'HL7 sending applications that may send to the interface engine',
  ehr_service_accounts: 'EHR accounts that run scheduled exports',
  vpn_apps: 'names of the VPN applications in Entra ID',
  home_countries: 'two-letter codes of the countries staff sign in from',
} as const;

async function zoneCidrs(db: Kysely<Database>, kinds: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('zones').select('cidrs').where('kind', 'in', kinds).execute();
  return [...new Set(rows.flatMap((row) => readStringArray(row.cidrs, 'zones.cidrs')))].sort();
}

export async function storedPlaceholders(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const stored = await getSetting(db, SETTING);
  const out: Record<string, string[]> = {};
  if (typeof stored !== 'object' || stored === null) return out;
  for (const [name, values] of Object.entries(stored)) {
    if (Array.isArray(values)) out[name] = values.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

export async function savePlaceholders(
  db: Kysely<Database>,
  values: Readonly<Record<string, readonly string[]>>,
  at: string,
): Promise<void> {
  await setSetting(db, SETTING, values, at);
}

export async function buildPlaceholders(
  db: Kysely<Database>,
): Promise<Map<string, readonly string[]>> {
  const aeRows = await db
    .selectFrom('asset_identifiers')
    .select('value')
    .distinct()
    .where('kind', '=', 'ae-title')
    .execute();
  const fromInventory: Record<string, string[]> = {
    known_ae_titles: aeRows.map((row) => row.value).sort(),
    clinical_device_cidrs: await zoneCidrs(db, ['clinical-device', 'imaging']),
    ehr_cidrs: await zoneCidrs(db, ['ehr']),
  };
  const stored = await storedPlaceholders(db);
  const all = new Map<string, readonly string[]>();
  // Every known placeholder is defined, if only as an empty list, so the rules that use one
  // compile: an empty list matches nothing, the safe reading of "no known value yet".
  const names = [
    ...Object.keys(INVENTORY_PLACEHOLDERS),
    ...Object.keys(SETTINGS_PLACEHOLDERS),
    ...Object.keys(stored),
  ];
  for (const name of new Set(names)) {
    all.set(name, [...new Set([...(fromInventory[name] ?? []), ...(stored[name] ?? [])])]);
  }
  return all;
}
