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
  readonly health: HealthService;
}

export function createServices(context: ServiceContext): Services {
  const audit = createAuditService(context);
  const inventory = createInventoryService(context, audit);
  const jobs = createJobService(context);
  const imports = createImportService(context, audit, jobs, READERS);
  return {
    auth: createAuthService(context, audit),
    users: createUserService(context, audit),
    audit,
    inventory,
    jobs,
    imports,
    demo: createDemoService(inventory, imports),
    health: {
      checkStore: async () => {
        await context.db.selectFrom('settings').select('key').limit(1).execute();
      },
    },
  };
}
