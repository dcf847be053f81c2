/**
 * The exception register: a device that cannot be patched (or one finding on it), the
 * compensating controls, and until when the exception holds.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../domain/errors.js';
import {
  EXCEPTION_KINDS,
  type ExceptionKind,
  type VulnException,
} from '../domain/vulnerability.js';
import { readStringArray } from './json-columns.js';
import type { Database } from './schema.js';

function kindOf(value: string): ExceptionKind {
  const kind = EXCEPTION_KINDS.find((k) => k === value);
  if (kind === undefined)
    throw new WardlineError('WL_INTERNAL', `Unknown exception kind ${value}.`);
  return kind;
}

export interface NewException {
  readonly id: string;
  readonly assetId: string;
  readonly vulnId: string | null;
  readonly kind: ExceptionKind;
  readonly reason: string;
  readonly controls: readonly string[];
  readonly until: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export async function insertException(db: Kysely<Database>, input: NewException): Promise<void> {
  await db
    .insertInto('vuln_exceptions')
    .values({
      id: input.id,
      asset_id: input.assetId,
      vuln_id: input.vulnId,
      kind: input.kind,
      reason: input.reason,
      controls: JSON.stringify(input.controls),
      until: input.until,
      created_by: input.createdBy,
      created_at: input.createdAt,
      revoked_at: null,
    })
    .execute();
}

export async function revokeException(
  db: Kysely<Database>,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('vuln_exceptions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listExceptions(
  db: Kysely<Database>,
  filter: { readonly assetId?: string; readonly id?: string },
  now: string,
): Promise<VulnException[]> {
  let query = db
    .selectFrom('vuln_exceptions as x')
    .innerJoin('assets as a', 'a.id', 'x.asset_id')
    .selectAll('x')
    .select('a.name as asset_name');
  if (filter.assetId !== undefined) query = query.where('x.asset_id', '=', filter.assetId);
  if (filter.id !== undefined) query = query.where('x.id', '=', filter.id);
  const rows = await query.orderBy('x.until').orderBy('x.id').execute();
  return rows.map((row) => ({
    id: row.id,
    assetId: row.asset_id,
    assetName: row.asset_name,
    vulnId: row.vuln_id,
    kind: kindOf(row.kind),
    reason: row.reason,
    controls: readStringArray(row.controls, 'vuln_exceptions.controls'),
    until: row.until,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    state: row.revoked_at !== null ? 'revoked' : row.until <= now ? 'expired' : 'active',
  }));
}

/** Active exceptions for these assets, for matching to honour. */
export async function activeExceptions(
  db: Kysely<Database>,
  now: string,
): Promise<{ assetId: string; vulnId: string | null; kind: ExceptionKind; until: string }[]> {
  const rows = await db
    .selectFrom('vuln_exceptions')
    .select(['asset_id', 'vuln_id', 'kind', 'until'])
    .where('revoked_at', 'is', null)
    .where('until', '>', now)
    .execute();
  return rows.map((row) => ({
    assetId: row.asset_id,
    vulnId: row.vuln_id,
    kind: kindOf(row.kind),
    until: row.until,
  }));
}
