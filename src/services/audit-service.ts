/** The audit log as a use case: record an event, list entries, verify the chain. */
import type { AuditEntry, AuditEvent } from '../domain/audit.js';
import type { AuditChainAnchor, AuditChainVerification } from '../domain/audit-hash.js';
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
  /**
   * Verifies the chain and, given an anchor taken earlier (`head()`), that the log still holds that
   * entry unchanged: this catches truncation and a rewrite with recomputed hashes.
   */
  verify(anchor?: AuditChainAnchor): Promise<AuditChainVerification>;
  /** The newest entry's `seq` and `hash`, to keep outside Wardline; none for an empty log. */
  head(): Promise<AuditChainAnchor | undefined>;
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
    verify: async (anchor) => {
      const chain = await auditRepo.verifyAuditLog(ctx.db);
      if (!chain.ok || anchor === undefined) return chain;
      const entry = await auditRepo.getAuditLink(ctx.db, anchor.seq);
      if (entry?.hash === anchor.hash) return chain;
      const reason = entry === undefined ? 'anchor-missing' : 'anchor-mismatch';
      return { ok: false, checked: chain.checked, firstBroken: { seq: anchor.seq, reason } };
    },
    head: () => auditRepo.getAuditHead(ctx.db),
  };
}
