/**
 * The communication map: conversations seen in captures, one row per (client, server, transport,
 * server port, protocol), with each end resolved to the asset that held its address then.
 */
import { sql, type Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { ObservedFlow } from '../domain/observation.js';
import { isPostgres } from './db-helpers.js';
import type { Database, FlowTable } from './schema.js';

const CHUNK = 200;

/**
 * Adds a capture's conversations to the map: a conversation already there gains the packets and
 * bytes and widens its first and last seen. Each end is resolved to the asset whose IP identifier
 * was most recently seen. Returns how many conversations were recorded.
 */
export async function recordFlows(
  db: Kysely<Database>,
  flows: readonly ObservedFlow[],
): Promise<number> {
  if (flows.length === 0) return 0;
  const owners = await assetsByIp(db, [
    ...new Set(flows.flatMap((f) => [f.client.ip, f.server.ip])),
  ]);
  const rows: FlowTable[] = flows.map((flow) => ({
    id: newId('flow'),
    client_ip: flow.client.ip,
    server_ip: flow.server.ip,
    server_port: flow.server.port,
    transport: flow.transport,
    protocol: flow.protocol,
    client_asset_id: owners.get(flow.client.ip) ?? null,
    server_asset_id: owners.get(flow.server.ip) ?? null,
    packets: flow.packets,
    bytes: flow.bytes,
    encrypted: flow.encrypted ? 1 : 0,
    carries_ephi: flow.carriesEphi ? 1 : 0,
    first_seen: flow.firstSeen,
    last_seen: flow.lastSeen,
  }));
  const pg = isPostgres(db);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('flows')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['client_ip', 'server_ip', 'transport', 'server_port', 'protocol'])
          .doUpdateSet((eb) => ({
            packets: sql<number>`${eb.ref('flows.packets')} + ${eb.ref('excluded.packets')}`,
            bytes: sql<number>`${eb.ref('flows.bytes')} + ${eb.ref('excluded.bytes')}`,
            encrypted: eb.ref('excluded.encrypted'),
            carries_ephi: sql<number>`${pg ? sql`greatest` : sql`max`}(${eb.ref('flows.carries_ephi')}, ${eb.ref('excluded.carries_ephi')})`,
            client_asset_id: sql<
              string | null
            >`coalesce(${eb.ref('excluded.client_asset_id')}, ${eb.ref('flows.client_asset_id')})`,
            server_asset_id: sql<
              string | null
            >`coalesce(${eb.ref('excluded.server_asset_id')}, ${eb.ref('flows.server_asset_id')})`,
            first_seen: sql<string>`${pg ? sql`least` : sql`min`}(${eb.ref('flows.first_seen')}, ${eb.ref('excluded.first_seen')})`,
            last_seen: sql<string>`${pg ? sql`greatest` : sql`max`}(${eb.ref('flows.last_seen')}, ${eb.ref('excluded.last_seen')})`,
          })),
      )
      .execute();
  }
  return rows.length;
}

/** For each address, the asset whose IP identifier with it was most recently seen. */
async function assetsByIp(
  db: Kysely<Database>,
  ips: readonly string[],
): Promise<Map<string, string>> {
  const owners = new Map<string, { id: string; lastSeen: string }>();
  for (let i = 0; i < ips.length; i += 500) {
    const rows = await db
      .selectFrom('asset_identifiers')
      .select(['asset_id', 'value', 'last_seen'])
      .where('kind', '=', 'ip')
      .where('value', 'in', ips.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const held = owners.get(row.value);
      if (held === undefined || row.last_seen > held.lastSeen) {
        owners.set(row.value, { id: row.asset_id, lastSeen: row.last_seen });
      }
    }
  }
  return new Map([...owners].map(([ip, owner]) => [ip, owner.id]));
}

/** A conversation on the map, as the API shows it. */
export interface FlowRecord {
  readonly id: string;
  readonly clientIp: string;
  readonly serverIp: string;
  readonly serverPort: number;
  readonly transport: string;
  readonly protocol: string;
  readonly clientAssetId: string | null;
  readonly serverAssetId: string | null;
  readonly packets: number;
  readonly bytes: number;
  readonly encrypted: boolean;
  readonly carriesEphi: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface FlowFilters {
  /** Conversations with this asset at either end. */
  readonly assetId?: string | undefined;
  readonly protocol?: string | undefined;
  /** Conversations with an end in this zone. */
  readonly zoneId?: string | undefined;
  readonly limit?: number | undefined;
}

/** The heaviest conversations first, at most `limit` (default 2,000). */
export async function listFlows(
  db: Kysely<Database>,
  filters: FlowFilters = {},
): Promise<FlowRecord[]> {
  let query = db.selectFrom('flows').selectAll();
  const { assetId, protocol, zoneId } = filters;
  if (assetId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('client_asset_id', '=', assetId), eb('server_asset_id', '=', assetId)]),
    );
  }
  if (protocol !== undefined) query = query.where('protocol', '=', protocol);
  if (zoneId !== undefined) {
    const inZone = db.selectFrom('assets').select('id').where('zone_id', '=', zoneId);
    query = query.where((eb) =>
      eb.or([eb('client_asset_id', 'in', inZone), eb('server_asset_id', 'in', inZone)]),
    );
  }
  const rows = await query
    .orderBy('bytes', 'desc')
    .orderBy('id')
    .limit(filters.limit ?? 2000)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    clientIp: row.client_ip,
    serverIp: row.server_ip,
    serverPort: row.server_port,
    transport: row.transport,
    protocol: row.protocol,
    clientAssetId: row.client_asset_id,
    serverAssetId: row.server_asset_id,
    packets: Number(row.packets),
    bytes: Number(row.bytes),
    encrypted: row.encrypted === 1,
    carriesEphi: row.carries_ephi === 1,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  }));
}
