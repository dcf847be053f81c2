/**
 * The asset list at hospital scale: 100,000 assets (WARDLINE_SCALE_ASSETS to change), 200,000
 * identifiers. Budgets are loose enough for a loaded CI machine and tight enough to catch a plan
 * that joins or sorts every row per page (the first draft took seconds for a deep page).
 */
import { CompiledQuery, type QueryId, type RootOperationNode } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { ASSET_CATEGORIES, PATIENT_SAFETY_IMPACTS } from '../domain/inventory.js';
import { describeEachDialect } from '../../test/support/stores.js';
import { createAssets, listAssets, type AssetQuery, type NewAsset } from './asset-repo.js';
import { createSite } from './site-repo.js';
import { createZone } from './zone-repo.js';

const COUNT = Number(process.env['WARDLINE_SCALE_ASSETS'] ?? 100_000);
// Hang guards, not benchmarks: a page takes milliseconds, so these only catch a plan that scans and
// sorts everything again on a busy CI machine. The deterministic guard is the SQLite plan check
// below; speed is measured in bench/, never asserted.
const PAGE_BUDGET_MS = 10_000;
const SEARCH_BUDGET_MS = 30_000;

function asset(i: number, siteId: string, zoneIds: readonly string[]): NewAsset {
  return {
    siteId,
    zoneId: zoneIds[i % zoneIds.length]!,
    name: `asset-${String((i * 7919) % COUNT).padStart(6, '0')}`,
    category: ASSET_CATEGORIES[i % ASSET_CATEGORIES.length]!,
    vendor: `Vendor ${i % 50}`,
    model: `M-${i % 300}`,
    patientSafety: PATIENT_SAFETY_IMPACTS[i % PATIENT_SAFETY_IMPACTS.length]!,
    holdsEphi: i % 3 === 0,
    lastSeen: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    identifiers: [
      { kind: 'ip', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, source: 'nmap' },
      {
        kind: 'mac',
        value: `02:00:00:${(i >> 16) & 255}:${(i >> 8) & 255}:${i & 255}`,
        source: 'nmap',
      },
    ],
  };
}

describeEachDialect(`asset list at ${COUNT} assets`, (ctx) => {
  const zoneIds: string[] = [];

  beforeAll(async () => {
    const site = await createSite(ctx.db, { name: 'Main', code: 'MAIN' });
    for (let z = 0; z < 20; z += 1) {
      const kind = z % 2 === 0 ? 'clinical-device' : 'workstation';
      zoneIds.push((await createZone(ctx.db, { siteId: site.id, name: `zone ${z}`, kind })).id);
    }
    await createAssets(
      ctx.db,
      Array.from({ length: COUNT }, (_, i) => asset(i, site.id, zoneIds)),
    );
  }, 300_000);

  const timed = async (query: AssetQuery) => {
    const started = performance.now();
    const page = await listAssets(ctx.db, query);
    return { page, ms: performance.now() - started };
  };

  it.each<[string, AssetQuery]>([
    ['first page by name', {}],
    ['by last seen, newest first', { sort: 'lastSeen', order: 'desc' }],
    ['by criticality, highest first', { sort: 'criticality', order: 'desc' }],
    ['by category', { sort: 'category' }],
    ['a deep page', { offset: COUNT - 100 }],
    ['a deep page by criticality', { sort: 'criticality', offset: Math.floor(COUNT * 0.6) }],
    ['one category by last seen', { category: 'pacs', sort: 'lastSeen' }],
  ])('serves %s within the page budget', async (_label, query) => {
    const { page, ms } = await timed(query);
    expect(page.items).toHaveLength(50);
    expect(page.total).toBeGreaterThan(50);
    expect(ms).toBeLessThan(PAGE_BUDGET_MS);
  });

  it('serves a zone by criticality within the page budget', async () => {
    const { page, ms } = await timed({ zoneId: zoneIds[3]!, sort: 'criticality', order: 'desc' });
    expect(page.total).toBe(Math.floor(COUNT / 20));
    expect(page.items.every((item) => item.zoneId === zoneIds[3])).toBe(true);
    expect(ms).toBeLessThan(PAGE_BUDGET_MS);
  });

  it.each<[string, AssetQuery, number]>([
    ['a name', { q: 'ASSET-00042' }, 10],
    ['an IP address', { q: '10.0.1.2' }, 1],
    ['a vendor, by criticality', { q: 'vendor 7', sort: 'criticality' }, 50],
  ])('searches %s within the search budget', async (_label, query, atLeast) => {
    const { page, ms } = await timed(query);
    expect(page.items.length).toBeGreaterThanOrEqual(Math.min(atLeast, 50));
    expect(page.total).toBeGreaterThanOrEqual(atLeast);
    expect(ms).toBeLessThan(SEARCH_BUDGET_MS);
  });

  // PostgreSQL plans by statistics a fresh schema lacks, so only its time budgets apply.
  if (ctx.dialect === 'sqlite') {
    it.each(['name', 'lastSeen', 'criticality', 'category'] as const)(
      'picks the page by %s from an index, sorting nothing (SQLite plan)',
      async (sort) => {
        const plan = await innerPagePlan({ sort, order: 'desc', offset: 500 });
        expect(plan).toMatch(/SCAN assets USING (COVERING )?INDEX/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      },
    );
  }

  /** EXPLAIN QUERY PLAN of the page subquery (`p`) of the statement `listAssets` runs. */
  async function innerPagePlan(query: AssetQuery): Promise<string> {
    const nodes: { node: RootOperationNode; queryId: QueryId }[] = [];
    const recording = ctx.db.withPlugin({
      transformQuery: (args) => {
        nodes.push(args);
        return args.node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    });
    await listAssets(recording, query);
    const page = nodes.find(({ node }) =>
      JSON.stringify(node).includes('"alias":{"kind":"IdentifierNode","name":"p"}'),
    );
    if (page === undefined) throw new Error('listAssets ran no query with a page subquery.');
    const compiled = ctx.db.getExecutor().compileQuery(page.node, page.queryId);
    const { rows } = await ctx.db.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    const coroutine = rows.find((row) => row.detail.startsWith('CO-ROUTINE p'));
    if (coroutine === undefined) throw new Error('No page subquery in the plan.');
    const inside = new Set([coroutine.id]);
    for (const row of rows) if (inside.has(row.parent)) inside.add(row.id);
    return rows
      .filter((row) => inside.has(row.parent))
      .map((row) => row.detail)
      .join('\n');
  }
});
