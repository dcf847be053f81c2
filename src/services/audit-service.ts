/** The audit log as a use case: record an event, list entries, verify the chain. */
import type { AuditEntry, AuditEvent } from '../domain/audit.js';
import type { AuditChainVerification } from '../domain/audit-hash.js';
import type { Page, PageRequest } from '../domain/page.js';
import * as auditRepo from '../store/audit-repo.js';
import type { ServiceContext } from './context.js';

export interface AuditService {
  record(event: AuditEvent): Promise<AuditEntry>;
  list(filters: auditRepo.AuditFilters & PageRequest): Promise<Page<AuditEntry>>;
  verify(): Promise<AuditChainVerification>;
}

export function createAuditService(ctx: ServiceContext): AuditService {
  return {
    record: (event) => auditRepo.appendAudit(ctx.db, event, ctx.clock()),
    list: (filters) => auditRepo.listAudit(ctx.db, filters),
    verify: () => auditRepo.verifyAuditLog(ctx.db),
  };
}
