/**
 * Import a file into the inventory: a scan, a CMMS export, an SBOM or a capture. Each import is a
 * job with progress; the file is hashed first, so the same file twice is recorded as a duplicate
 * and changes nothing; then it is read by its format's reader, and everything it says lands in one
 * transaction with its audit entry, or nothing does.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { EMPTY_IMPORT_COUNTS, type ImportKind, type ImportSummary } from '../../domain/import.js';
import type { Job } from '../../domain/job.js';
import type { Page, PageRequest } from '../../domain/page.js';
import * as importRepo from '../../store/import-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import type { JobHandle, JobService } from '../job-service.js';
import { mergeReading, type MergeOutcome } from './merge-reading.js';
import type { ImportOptions, ReaderTable, Reading } from './reading.js';

export interface ImportRequest {
  readonly kind: ImportKind;
  /** The file on disk (an upload is saved first). */
  readonly path: string;
  /** The name people know it by: the original file name. */
  readonly fileName: string;
  readonly options?: ImportOptions | undefined;
}

export type ImportService = ReturnType<typeof createImportService>;

/** Share of the progress bar for hashing, reading, and writing. */
const PHASES = { hash: 0.1, read: 0.75 } as const;

export function createImportService(
  ctx: ServiceContext,
  audit: AuditService,
  jobs: JobService,
  readers: ReaderTable,
  /** Called after an import changed assets: vulnerability matching re-checks them. */
  afterImport: (assetIds: readonly string[]) => Promise<void> = () => Promise.resolve(),
) {
  const { db, clock } = ctx;

  async function execute(
    actor: Actor,
    request: ImportRequest,
    handle: JobHandle,
  ): Promise<ImportSummary> {
    const { size } = await stat(request.path);
    const sha256 = await hashFile(request.path, size, handle);
    const created = await importRepo.createImport(
      db,
      {
        kind: request.kind,
        fileName: request.fileName,
        sha256,
        bytes: size,
        jobId: handle.id,
        createdBy: actor.id,
      },
      clock(),
    );
    const duplicateOf = await importRepo.findImportedFile(db, request.kind, sha256);
    if (duplicateOf !== undefined) {
      await importRepo.finishImport(
        db,
        created.id,
        {
          status: 'duplicate',
          counts: EMPTY_IMPORT_COUNTS,
          assetIds: [],
          duplicateOf,
          diagnostics: 0,
        },
        clock(),
      );
      return summary(created.id);
    }
    try {
      const reading = await read(request, created.id, size, handle);
      if (handle.signal.aborted)
        throw new WardlineError('WL_JOB_CANCELLED', 'The import was cancelled.');
      handle.progress(PHASES.hash + PHASES.read, 'Merging into the inventory');
      const outcome = await audit.recordChange(
        (trx) => mergeReading({ ...ctx, db: trx }, reading, { id: created.id, sha256 }, request),
        (result: MergeOutcome) => ({
          ...auditedBy(actor),
          action: 'inventory.import',
          targetType: 'import',
          targetId: created.id,
          details: {
            kind: request.kind,
            fileName: request.fileName,
            sha256,
            created: result.counts.created,
            updated: result.counts.updated,
          },
        }),
      );
      await importRepo.addImportDiagnostics(db, created.id, reading.diagnostics);
      handle.progress(0.95, 'Matching vulnerabilities');
      await afterImport(outcome.assetIds);
      await importRepo.finishImport(
        db,
        created.id,
        {
          status: 'imported',
          counts: outcome.counts,
          assetIds: outcome.assetIds,
          duplicateOf: null,
          diagnostics: reading.diagnostics.length,
        },
        clock(),
      );
      return await summary(created.id);
    } catch (error) {
      await importRepo.finishImport(
        db,
        created.id,
        {
          status: 'failed',
          counts: EMPTY_IMPORT_COUNTS,
          assetIds: [],
          duplicateOf: null,
          diagnostics: 0,
        },
        clock(),
      );
      throw error;
    }
  }

  async function read(
    request: ImportRequest,
    importId: string,
    size: number,
    handle: JobHandle,
  ): Promise<Reading> {
    const reader = readers[request.kind];
    let done = 0;
    const counted = async function* (): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(request.path) as AsyncIterable<Buffer>) {
        done += chunk.length;
        handle.progress(PHASES.hash + (PHASES.read * done) / Math.max(size, 1), 'Reading');
        yield chunk;
      }
    };
    const reading = await reader(counted(), {
      source: { kind: sourceKindOf(request.kind), name: request.fileName, importId },
      importedAt: clock().toISOString(),
      options: request.options ?? {},
      signal: handle.signal,
    });
    if (isUnreadable(reading)) {
      const first = reading.diagnostics.find((d) => d.severity === 'error');
      throw new WardlineError(
        'WL_IMPORT_UNREADABLE',
        `Nothing in ${request.fileName} could be read as ${request.kind}${first === undefined ? '' : `: ${first.code} at ${String(first.offset)}: ${first.message}`}.`,
      );
    }
    return reading;
  }

  async function summary(id: string): Promise<ImportSummary> {
    const found = await importRepo.getImport(db, id);
    if (found === undefined) throw new WardlineError('WL_NOT_FOUND', `No import ${id}.`);
    return found;
  }

  const jobOptions = (actor: Actor, request: ImportRequest) => ({
    kind: `import.${request.kind}`,
    actor,
    message: `Importing ${request.fileName}`,
  });

  return {
    /** Runs the import and waits for it (the CLI); `onProgress` draws a progress bar. */
    async run(
      actor: Actor,
      request: ImportRequest,
      onProgress?: (fraction: number, message: string | undefined) => void,
    ): Promise<{ job: Job; summary: ImportSummary }> {
      const { job, result } = await jobs.run(
        { ...jobOptions(actor, request), ...(onProgress === undefined ? {} : { onProgress }) },
        (handle) => execute(actor, request, handle),
      );
      return { job, summary: result };
    },

    /** Starts the import as a background job and returns the job (the API; the UI polls it). */
    start: (actor: Actor, request: ImportRequest): Promise<Job> =>
      jobs.start(jobOptions(actor, request), (handle) => execute(actor, request, handle)),

    /**
     * Saves an uploaded file (at most `maxImportBytes`) and starts its import; the file is removed
     * when the job ends, whatever the outcome.
     */
    async upload(
      actor: Actor,
      upload: {
        kind: ImportKind;
        fileName: string;
        body: AsyncIterable<Uint8Array>;
        options?: ImportOptions;
      },
    ): Promise<Job> {
      const dir = ctx.settings.importDir ?? join(tmpdir(), 'wardline-imports');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${newId('import', clock().getTime())}.upload`);
      try {
        await saveBounded(
          upload.body,
          path,
          ctx.settings.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES,
        );
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      const request = {
        kind: upload.kind,
        path,
        fileName: upload.fileName,
        options: upload.options,
      };
      return jobs.start(jobOptions(actor, request), async (handle) => {
        try {
          return await execute(actor, request, handle);
        } finally {
          await rm(path, { force: true });
        }
      });
    },

    get: summary,
    list: (
      request: PageRequest & { readonly kind?: ImportKind | undefined },
    ): Promise<Page<ImportSummary>> => importRepo.listImports(db, request),
    diagnostics: (id: string, request: PageRequest): Promise<Page<Diagnostic>> =>
      importRepo.listImportDiagnostics(db, id, request),
  };
}

const DEFAULT_MAX_IMPORT_BYTES = 4 * 1024 ** 3;

async function saveBounded(
  body: AsyncIterable<Uint8Array>,
  path: string,
  limit: number,
): Promise<void> {
  let size = 0;
  async function* bounded(): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) {
        throw new WardlineError(
          'WL_REQUEST_TOO_LARGE',
          `The file is larger than ${String(limit)} bytes.`,
        );
      }
      yield chunk;
    }
  }
  await pipeline(bounded, createWriteStream(path, { mode: 0o600 }));
}

function sourceKindOf(kind: ImportKind) {
  return kind === 'capture' ? 'capture' : kind;
}

/** Nothing came out of the file and the parser said why. */
function isUnreadable(reading: Reading): boolean {
  return (
    reading.observations.length === 0 &&
    reading.flows.length === 0 &&
    reading.sbom === null &&
    reading.diagnostics.some((d) => d.severity === 'error')
  );
}

async function hashFile(path: string, size: number, handle: JobHandle): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    done += chunk.length;
    handle.progress((PHASES.hash * done) / Math.max(size, 1), 'Hashing');
    if (handle.signal.aborted)
      throw new WardlineError('WL_JOB_CANCELLED', 'The import was cancelled.');
  }
  return hash.digest('hex');
}
