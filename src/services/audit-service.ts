/** The audit log as a use case: record an event, list entries, verify the chain. */
import type { AuditEntry, AuditEvent } from '../domain/audit.js';
import type { AuditChainVerification } from '../domain/audit-hash.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { Kysely } from 'kysely';
import * as auditRepo from '../store/audit-repo.js';
import { inTransaction } from '../store/db-helpers.js';
import type { Database } from '../store/schema.js';
import type { ServiceContext } from './context.js';

export interface AuditService {
  record(event: AuditEvent): Promise<AuditEntry>;
  /**
   * Makes a change and appends its audit entry in one transaction, so that both land or neither
   * does: no unaudited change survives a crash between the two.
   */
  recordChange<T>(
    change: (db: Kysely<Database>) => Promise<T>,
    event: (result: T) => AuditEvent,
  ): Promise<T>;
  list(filters: auditRepo.AuditFilters & PageRequest): Promise<Page<AuditEntry>>;
  verify(): Promise<AuditChainVerification>;
}

export function createAuditService(ctx: ServiceContext): AuditService {
  return {
    record: (event) => auditRepo.appendAudit(ctx.db, event, ctx.clock()),
    recordChange: (change, event) =>
      inTransaction(ctx.db, async (trx) => {
        const result = await change(trx);
        await auditRepo.appendAudit(trx, event(result), ctx.clock());
        return result;
      }),
    list: (filters) => auditRepo.listAudit(ctx.db, filters),
    verify: () => auditRepo.verifyAuditLog(ctx.db),
  };
}
