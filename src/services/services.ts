/**
 * The use cases Wardline offers, assembled once from a `ServiceContext`. The HTTP API and the CLI
 * both call these, so they never disagree.
 */
import { createAuditService, type AuditService } from './audit-service.js';
import { createAuthService, type AuthService } from './auth/auth-service.js';
import type { ServiceContext } from './context.js';
import { createDemoService, type DemoService } from './demo/demo-service.js';
import { createImportService, type ImportService } from './imports/import-service.js';
import { READERS } from './imports/readers.js';
import { createInventoryService, type InventoryService } from './inventory-service.js';
import { createJobService, type JobService } from './job-service.js';
import { createUserService, type UserService } from './user-service.js';
import { FEED_READERS } from './feeds/feed-readers.js';
import { createFeedService, type FeedService } from './feeds/feed-service.js';
import { createSyncService, type SyncService } from './feeds/sync-service.js';
import { createVulnService, type VulnService } from './vuln/vuln-service.js';
import { createDetectionService, type DetectionService } from './detect/detection-service.js';

export interface HealthService {
  /** Throws when the store does not answer. */
  checkStore(): Promise<void>;
}

export interface Services {
  readonly auth: AuthService;
  readonly users: UserService;
  readonly audit: AuditService;
  readonly inventory: InventoryService;
  readonly jobs: JobService;
  readonly imports: ImportService;
  readonly demo: DemoService;
  readonly feeds: FeedService;
  readonly feedSync: SyncService;
  readonly vuln: VulnService;
  readonly detection: DetectionService;
  readonly health: HealthService;
}

export function createServices(context: ServiceContext): Services {
  const audit = createAuditService(context);
  const inventory = createInventoryService(context, audit);
  const jobs = createJobService(context);
  const vuln = createVulnService(context, audit);
  const detection = createDetectionService(context, audit, jobs);
  const imports = createImportService(context, audit, jobs, READERS, async (assetIds) => {
    await vuln.rematchAssets(assetIds);
    detection.sources.inventoryChanged();
  });
  const feeds = createFeedService(context, audit, FEED_READERS, async (change) => {
    await vuln.onFeedChange(change);
  });
  return {
    auth: createAuthService(context, audit),
    users: createUserService(context, audit),
    audit,
    inventory,
    jobs,
    imports,
    demo: createDemoService(inventory, imports, feeds, detection),
    feeds,
    feedSync: createSyncService(context, feeds, jobs),
    vuln,
    detection,
    health: {
      checkStore: async () => {
        await context.db.selectFrom('settings').select('key').limit(1).execute();
      },
    },
  };
}
