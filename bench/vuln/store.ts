/**
 * A fresh SQLite store in a temporary folder, opened and migrated the way the store tests do it
 * (`openStore` + `migrateToLatest`), filled with the generated fleet through raw better-sqlite3
 * prepared statements in one transaction (set-up only: the measured path reads it back through
 * `iterateTargets`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openStore, type Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { FleetAsset } from './fleet.js';

export interface BenchStore {
  readonly store: Store;
  readonly path: string;
  dispose(): Promise<void>;
}

const NOW = '2026-11-28T00:00:00.000Z';
const ZONES = [
  ['zone-clinical', 'Clinical devices', 'clinical-device'],
  ['zone-servers', 'Servers', 'server'],
  ['zone-office', 'Workstations', 'workstation'],
] as const;

export async function openBenchStore(): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-vuln-'));
  const path = join(dir, 'wardline.db');
  const store = openStore({ sqlitePath: path });
  await migrateToLatest(store);
  return {
    store,
    path,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function identityOf(software: FleetAsset['software'][number]): string {
  return software.purl ?? software.cpe ?? `${software.name}@${software.version ?? ''}`;
}

/** Writes the site, zones, assets and their software rows; returns how many software rows. */
export function fillStore(path: string, assets: readonly FleetAsset[]): number {
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const site = sqlite.prepare(
    'insert into sites (id, name, code, address, created_at) values (?, ?, ?, null, ?)',
  );
  const zone = sqlite.prepare(
    "insert into zones (id, site_id, name, kind, cidrs, created_at) values (?, 'site-1', ?, ?, '[]', ?)",
  );
  const asset = sqlite.prepare(
    `insert into assets (id, site_id, zone_id, name, category, vendor, model, os, serial, firmware,
       patient_safety, holds_ephi, first_seen, last_seen, created_at, updated_at)
     values (?, 'site-1', ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const software = sqlite.prepare(
    `insert into asset_software (id, asset_id, identity, kind, name, version, supplier, purl, cpe,
       source_kind, source_name, first_seen, last_seen)
     values (?, ?, ?, 'library', ?, ?, ?, ?, ?, 'sbom', 'bench', ?, ?)`,
  );
  let rows = 0;
  sqlite.transaction(() => {
    site.run('site-1', 'Bench Hospital', 'BH', NOW);
    for (const [id, name, kind] of ZONES) zone.run(id, name, kind, NOW);
    assets.forEach((a, i) => {
      const device = a.model !== null;
      const zoneId = ZONES[device ? 0 : 1 + (i % 2)]?.[0] ?? null;
      asset.run(a.id, zoneId, a.id, device ? 'infusion-pump' : 'server', a.vendor, a.model, a.serial, a.firmware,
        device ? 'high' : 'low', device ? 1 : 0, NOW, NOW, NOW, NOW); // prettier-ignore
      for (const s of a.software) {
        software.run(
          s.ref,
          a.id,
          identityOf(s),
          s.name,
          s.version,
          s.supplier,
          s.purl,
          s.cpe,
          NOW,
          NOW,
        );
        rows++;
      }
    });
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return rows;
}
