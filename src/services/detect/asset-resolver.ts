/**
 * Which asset an event is about: its host name (whole, or the first label of a dotted name, as
 * Windows writes `WS-0042.hospital.local` where an inventory may hold `ws-0042`), else one of its
 * IP addresses, looked up among the inventory's identifiers. Answers are cached for the service's
 * life, so a stream of events from one host asks the store once.
 */
import type { Kysely } from 'kysely';
import type { LogEvent } from '../../domain/detection.js';
import type { Database } from '../../store/schema.js';

export interface ResolvedAsset {
  readonly id: string;
  readonly name: string;
}

/** Names and addresses remembered at most (hit or miss), then the cache starts over. */
const MAX_CACHED = 50_000;

export function createAssetResolver(db: Kysely<Database>) {
  let cache = new Map<string, ResolvedAsset | null>();

  async function lookup(kind: 'hostname' | 'ip', value: string): Promise<ResolvedAsset | null> {
    const key = `${kind}:${value}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const row = await db
      .selectFrom('asset_identifiers')
      .innerJoin('assets', 'assets.id', 'asset_identifiers.asset_id')
      .select(['assets.id', 'assets.name'])
      .where('asset_identifiers.kind', '=', kind)
      .where('asset_identifiers.value', '=', value)
      .orderBy('asset_identifiers.last_seen', 'desc')
      .executeTakeFirst();
    const found = row === undefined ? null : { id: row.id, name: row.name };
    if (cache.size >= MAX_CACHED) cache = new Map();
    cache.set(key, found);
    return found;
  }

  return {
    async resolve(event: LogEvent): Promise<ResolvedAsset | null> {
      const host = event.host?.trim().toLowerCase();
      if (host !== undefined && host !== '') {
        const whole = await lookup('hostname', host);
        if (whole !== null) return whole;
        const short = host.split('.')[0] ?? host;
        if (short !== host) {
          const first = await lookup('hostname', short);
          if (first !== null) return first;
        }
      }
      for (const ip of event.ips ?? []) {
        const found = await lookup('ip', ip);
        if (found !== null) return found;
      }
      return null;
    },
    /** Forget what was looked up: after an inventory import. */
    clear(): void {
      cache = new Map();
    },
  };
}

export type AssetResolver = ReturnType<typeof createAssetResolver>;
