/**
 * Loads the demo hospital the way a hospital would load itself: its sites and zones through the
 * inventory service, then its files (CMMS and CMDB exports, scans, device SBOMs, captures) through
 * the ordinary imports, each one an audited import with its diagnostics; then the feed bundle;
 * then a day of logs through the detection service, as a hospital's collectors would send them, so
 * the demo opens with the alerts of the attack they tell (`demo-story.ts`). Once only: a store that
 * already has the demo's main site is left as it is.
 */
import { basename, join } from 'node:path';
import { WardlineError } from '../../domain/errors.js';
import type { ImportSummary } from '../../domain/import.js';
import type { Actor } from '../context.js';
import type { ImportService } from '../imports/import-service.js';
import { readMappingFile } from '../imports/mapping-file.js';
import type { ImportOptions } from '../imports/reading.js';
import type { InventoryService } from '../inventory-service.js';
import type { FeedImportSummary, FeedService } from '../feeds/feed-service.js';
import type { DetectionService } from '../detect/detection-service.js';
import { loadDemoLogs, type DemoLogLoad } from './demo-logs.js';
import { DEMO_FEED_BUNDLE, DEMO_FILES, demoFolder, type DemoFile } from './demo-files.js';
import { DEMO_ORGANIZATION, DEMO_SITES } from './demo-hospital.js';

const DEMO_ACTOR: Actor = { id: null, name: 'demo', ip: null };

/** What loading did. */
export interface DemoLoad {
  /** False when the demo was already there and nothing was done. */
  readonly loaded: boolean;
  readonly organization: string;
  /** Assets in the inventory afterwards. */
  readonly assets: number;
  /** The imports this load ran, in order. */
  readonly imports: readonly ImportSummary[];
  /** The feed bundle's import, last: findings follow from it. */
  readonly feeds: FeedImportSummary | null;
  /** The log files ingested after the feeds, in order. */
  readonly logs: readonly DemoLogLoad[];
}

/** Where the demo files are. */
export interface DemoOptions {
  /** The folder holding the demo files; the package's `demo/` by default. */
  readonly folder?: string;
}

/** The demo hospital's one use case: load it. */
export type DemoService = ReturnType<typeof createDemoService>;

/**
 * The demo loader over the inventory, import, feed and detection services. `load()` creates the
 * sites and zones, imports each of `DEMO_FILES` in order, the feed bundle, then ingests each of
 * `DEMO_LOG_FILES`; a file that cannot be read stops the load with `WL_DEMO_FAILED` naming it.
 */
export function createDemoService(
  inventory: InventoryService,
  imports: ImportService,
  feeds: FeedService,
  detection: DetectionService,
  options: DemoOptions = {},
) {
  async function createSitesAndZones(): Promise<void> {
    await inventory.setOrganizationName(DEMO_ACTOR, DEMO_ORGANIZATION);
    for (const site of DEMO_SITES) {
      const created = await inventory.createSite(DEMO_ACTOR, {
        code: site.code,
        name: site.name,
        address: site.address,
      });
      for (const zone of site.zones) {
        await inventory.createZone(DEMO_ACTOR, { ...zone, siteId: created.id });
      }
    }
  }

  async function importFile(folder: string, file: DemoFile): Promise<ImportSummary> {
    try {
      const { summary } = await imports.run(DEMO_ACTOR, {
        kind: file.kind,
        path: join(folder, file.path),
        fileName: basename(file.path),
        options: await importOptions(folder, file),
      });
      return summary;
    } catch (error) {
      throw new WardlineError(
        'WL_DEMO_FAILED',
        `The demo file ${file.path} could not be imported from ${folder}.`,
        { cause: error, details: { path: file.path, kind: file.kind } },
      );
    }
  }

  /** The feed bundle, through `feeds import` as a hospital would carry it in. */
  async function importFeeds(folder: string): Promise<FeedImportSummary> {
    try {
      return await feeds.importPath(DEMO_ACTOR, join(folder, DEMO_FEED_BUNDLE));
    } catch (error) {
      throw new WardlineError(
        'WL_DEMO_FAILED',
        `The demo feed bundle could not be imported from ${folder}.`,
        {
          cause: error,
          details: { path: DEMO_FEED_BUNDLE },
        },
      );
    }
  }

  return {
    async load(): Promise<DemoLoad> {
      const existing = await inventory.listSites();
      if (existing.items.some((site) => site.code === DEMO_SITES[0]?.code)) {
        return {
          loaded: false,
          organization: DEMO_ORGANIZATION,
          assets: await countAssets(inventory),
          imports: [],
          feeds: null,
          logs: [],
        };
      }
      await createSitesAndZones();
      const folder = options.folder ?? demoFolder();
      const summaries: ImportSummary[] = [];
      for (const file of DEMO_FILES) summaries.push(await importFile(folder, file));
      const feedSummary = await importFeeds(folder);
      const logs = await loadDemoLogs(detection, folder, DEMO_ACTOR);
      return {
        loaded: true,
        organization: DEMO_ORGANIZATION,
        assets: await countAssets(inventory),
        imports: summaries,
        feeds: feedSummary,
        logs,
      };
    },
  };
}

async function countAssets(inventory: InventoryService): Promise<number> {
  return (await inventory.listAssets({ limit: 1 })).total;
}

async function importOptions(folder: string, file: DemoFile): Promise<ImportOptions> {
  return {
    ...(file.mapping === undefined
      ? {}
      : { mapping: await readMappingFile(join(folder, file.mapping)) }),
    ...(file.vendor === undefined ? {} : { vendor: file.vendor }),
    ...(file.model === undefined ? {} : { model: file.model }),
  };
}
