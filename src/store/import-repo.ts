/** Imports and the diagnostics their parsers reported. */
import type { Kysely, Selectable } from 'kysely';
import type { Diagnostic } from '../domain/diagnostic.js';
import { DIAGNOSTIC_SEVERITIES } from '../domain/diagnostic.js';
import { newId } from '../domain/ids.js';
import {
  EMPTY_IMPORT_COUNTS,
  IMPORT_KINDS,
  IMPORT_STATUSES,
  type ImportCounts,
  type ImportKind,
  type ImportStatus,
  type ImportSummary,
} from '../domain/import.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { toCount } from './db-helpers.js';
import { readEnum, readJsonObject, writeJson } from './json-columns.js';
import type { Database, ImportTable } from './schema.js';

/** Diagnostics kept per import; the count goes on past it. */
export const MAX_STORED_DIAGNOSTICS = 1000;

export interface NewImport {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly jobId: string | null;
  readonly createdBy: string | null;
}

export async function createImport(
  db: Kysely<Database>,
  input: NewImport,
  now: Date,
): Promise<ImportSummary> {
  const row: ImportTable = {
    id: newId('import', now.getTime()),
    job_id: input.jobId,
    kind: input.kind,
    file_name: input.fileName,
    sha256: input.sha256,
    bytes: input.bytes,
    status: 'running',
    summary: writeJson({ counts: EMPTY_IMPORT_COUNTS, assetIds: [], duplicateOf: null }),
    diagnostics: 0,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    finished_at: null,
  };
  await db.insertInto('imports').values(row).execute();
  return toImport(row);
}

export interface ImportOutcome {
  readonly status: Exclude<ImportStatus, 'running'>;
  readonly counts: ImportCounts;
  readonly assetIds: readonly string[];
  readonly duplicateOf: string | null;
  readonly diagnostics: number;
}

export async function finishImport(
  db: Kysely<Database>,
  id: string,
  outcome: ImportOutcome,
  now: Date,
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      status: outcome.status,
      summary: writeJson({
        counts: outcome.counts,
        assetIds: outcome.assetIds.slice(0, 1000),
        duplicateOf: outcome.duplicateOf,
      }),
      diagnostics: outcome.diagnostics,
      finished_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** The earliest import of the same kind and content that changed the inventory. */
export async function findImportedFile(
  db: Kysely<Database>,
  kind: ImportKind,
  sha256: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('imports')
    .select('id')
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .where('status', '=', 'imported')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

export async function addImportDiagnostics(
  db: Kysely<Database>,
  importId: string,
  diagnostics: readonly Diagnostic[],
): Promise<void> {
  const rows = diagnostics.slice(0, MAX_STORED_DIAGNOSTICS).map((d, seq) => ({
    import_id: importId,
    seq,
    code: d.code,
    severity: d.severity,
    byte_offset: d.offset,
    line: d.line ?? null,
    message: d.message,
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('import_diagnostics')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function getImport(
  db: Kysely<Database>,
  id: string,
): Promise<ImportSummary | undefined> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toImport(row);
}

export async function listImports(
  db: Kysely<Database>,
  request: PageRequest & { readonly kind?: ImportKind | undefined },
): Promise<Page<ImportSummary>> {
  const { limit, offset } = normalizePage(request);
  let query = db.selectFrom('imports');
  if (request.kind !== undefined) query = query.where('kind', '=', request.kind);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toImport), total: toCount(count?.n) };
}

export async function listImportDiagnostics(
  db: Kysely<Database>,
  importId: string,
  request: PageRequest,
): Promise<Page<Diagnostic>> {
  const { limit, offset } = normalizePage(request);
  const query = db.selectFrom('import_diagnostics').where('import_id', '=', importId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  const source = await db
    .selectFrom('imports')
    .select('file_name')
    .where('id', '=', importId)
    .executeTakeFirst();
  return {
    items: rows.map((row) => ({
      source: source?.file_name ?? importId,
      offset: Number(row.byte_offset),
      ...(row.line === null ? {} : { line: row.line }),
      code: row.code,
      severity: readEnum(row.severity, DIAGNOSTIC_SEVERITIES, 'import_diagnostics.severity'),
      message: row.message,
    })),
    total: toCount(count?.n),
  };
}

function toImport(row: Selectable<ImportTable>): ImportSummary {
  const summary = readJsonObject(row.summary, 'imports.summary');
  const counts = { ...EMPTY_IMPORT_COUNTS, ...(summary.counts as Partial<ImportCounts>) };
  const assetIds = Array.isArray(summary.assetIds)
    ? summary.assetIds.filter((id): id is string => typeof id === 'string')
    : [];
  return {
    id: row.id,
    jobId: row.job_id,
    kind: readEnum(row.kind, IMPORT_KINDS, 'imports.kind'),
    fileName: row.file_name,
    sha256: row.sha256,
    bytes: Number(row.bytes),
    status: readEnum(row.status, IMPORT_STATUSES, 'imports.status'),
    counts,
    assetIds,
    diagnostics: row.diagnostics,
    duplicateOf: typeof summary.duplicateOf === 'string' ? summary.duplicateOf : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
