/**
 * The advisories in memory, indexed for matching: built from the store on first use, updated in
 * place when a feed import adds advisories, and rebuilt when another process changed the store
 * (a different count or newest update than the cache was built from).
 */
import type { Kysely } from 'kysely';
import type { Advisory } from '../../domain/vulnerability.js';
import { AdvisoryIndex } from '../../engines/vuln/match/index.js';
import { vulnIdOf } from '../../domain/vulnerability.js';
import { iterateAdvisories } from '../../store/feed-repo.js';
import type { Database } from '../../store/schema.js';

export interface AdvisorySet {
  readonly index: AdvisoryIndex;
  /** Advisories by their own id (several sources may share one id, e.g. NVD and CVE records). */
  readonly byId: ReadonlyMap<string, readonly Advisory[]>;
  /** Advisories by vulnerability id (the CVE). */
  readonly byVuln: ReadonlyMap<string, readonly Advisory[]>;
}

interface Stamp {
  readonly count: number;
  readonly newest: string | null;
}

async function stampOf(db: Kysely<Database>): Promise<Stamp> {
  const row = await db
    .selectFrom('advisories')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('updated_at').as('newest')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), newest: row.newest };
}

function put(map: Map<string, Advisory[]>, key: string, advisory: Advisory): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [advisory]);
    return;
  }
  const at = list.findIndex((a) => a.source === advisory.source && a.id === advisory.id);
  if (at >= 0) list[at] = advisory;
  else list.push(advisory);
}

export function createAdvisoryCache(db: Kysely<Database>) {
  let built: { set: MutableSet; stamp: Stamp } | null = null;

  interface MutableSet extends AdvisorySet {
    readonly byId: Map<string, Advisory[]>;
    readonly byVuln: Map<string, Advisory[]>;
  }

  function addAll(set: MutableSet, advisories: Iterable<Advisory>): void {
    for (const advisory of advisories) {
      put(set.byId, advisory.id, advisory);
      put(set.byVuln, vulnIdOf(advisory), advisory);
      set.index.add(advisory);
    }
  }

  async function build(): Promise<{ set: MutableSet; stamp: Stamp }> {
    const stamp = await stampOf(db);
    const set: MutableSet = { index: AdvisoryIndex.build([]), byId: new Map(), byVuln: new Map() };
    const batch: Advisory[] = [];
    for await (const advisory of iterateAdvisories(db)) {
      batch.push(advisory);
      if (batch.length >= 5000) addAll(set, batch.splice(0));
    }
    addAll(set, batch);
    return { set, stamp };
  }

  return {
    /** The current set, rebuilt when the store changed behind this process's back. */
    async current(): Promise<AdvisorySet> {
      const stamp = await stampOf(db);
      if (
        built === null ||
        built.stamp.count !== stamp.count ||
        built.stamp.newest !== stamp.newest
      ) {
        built = await build();
      }
      return built.set;
    },

    /** Adds advisories this process just stored, without a rebuild. */
    async added(advisories: readonly Advisory[]): Promise<AdvisorySet> {
      if (built === null) return this.current();
      addAll(built.set, advisories);
      built = { set: built.set, stamp: await stampOf(db) };
      return built.set;
    },
  };
}

export type AdvisoryCache = ReturnType<typeof createAdvisoryCache>;
