/**
 * The command line as an operator uses it: exit codes, `code: message` on failure, `--json`
 * output, and the audit chain and key rotation through their commands on a real data folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAuditHash } from '../../src/domain/audit-hash.js';
import { run } from '../support/cli-run.js';

let dataDir: string;

/** Creates accounts through the CLI, one audit entry each. */
async function createAuditors(...usernames: string[]): Promise<void> {
  for (const username of usernames) {
    const created = await run(
      '--data',
      dataDir,
      'user',
      'create',
      '--username',
      username,
      '--display-name',
      username,
      '--role',
      'auditor',
    );
    expect(created.code).toBe(0);
  }
}
const savedKey = process.env['WARDLINE_MASTER_KEY'];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wardline-cli-'));
  delete process.env['WARDLINE_MASTER_KEY'];
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env['WARDLINE_MASTER_KEY'];
  else process.env['WARDLINE_MASTER_KEY'] = savedKey;
});

describe('wardline CLI', () => {
  it('prints its version as JSON', async () => {
    const result = await run('version', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      wardline: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
    });
  });

  it('answers a usage error with WL_CLI_USAGE and a non-zero exit', async () => {
    const result = await run('user', 'create', '--username', 'x');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^WL_CLI_USAGE: /);
    const unknown = await run('frobnicate');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/^WL_CLI_USAGE: /);
  });

  it('prints help with exit 0', async () => {
    const result = await run('audit', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verify');
  });

  it('migrates, then reports the schema up to date', async () => {
    const first = await run('--data', dataDir, 'migrate', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      applied: ['0001-foundation', '0002-inventory', '0003-vulnerabilities', '0004-detection'],
    });
    const second = await run('--data', dataDir, 'migrate', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
  });

  it('creates a user with a temporary password and refuses a duplicate', async () => {
    const created = await run(
      '--data',
      dataDir,
      'user',
      'create',
      '--username',
      'dana',
      '--display-name',
      'Dana Okafor',
      '--role',
      'admin',
      'auditor',
      '--json',
    );
    expect(created.code).toBe(0);
    const body = JSON.parse(created.stdout) as {
      user: { roles: string[] };
      temporaryPassword: string;
    };
    expect(body.user.roles).toEqual(['admin', 'auditor']);
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(16);
    const duplicate = await run(
      '--data',
      dataDir,
      'user',
      'create',
      '--username',
      'dana',
      '--display-name',
      'Again',
      '--role',
      'auditor',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/^WL_CONFLICT: /);
  });

  it('verifies the audit chain, and reports the first broken entry after a row is edited in the database', async () => {
    await createAuditors('ana', 'ben', 'cai');
    const intact = await run('--data', dataDir, 'audit', 'verify', '--json');
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, checked: 3 });

    const db = new SQLite(join(dataDir, 'wardline.db'));
    db.prepare('update audit_log set details = \'{"username":"mallory"}\' where seq = 2').run();
    db.close();

    const broken = await run('--data', dataDir, 'audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { seq: 2, reason: 'hash-mismatch' },
    });
    expect(broken.stderr).toMatch(/^WL_AUDIT_CHAIN_BROKEN: Audit log broken at entry 2/);
  });

  it('keeps an anchor outside the log that catches truncation and a rewrite with recomputed hashes', async () => {
    await createAuditors('ana', 'ben', 'cai');
    const head = await run('--data', dataDir, 'audit', 'head');
    expect(head.code).toBe(0);
    const anchor = head.stdout.trim();
    expect(anchor).toMatch(/^3:[0-9a-f]{64}$/);

    // A rewrite: entry 2 changed and every later hash recomputed, so the chain alone still verifies.
    const db = new SQLite(join(dataDir, 'wardline.db'));
    let prevHash = (
      db.prepare('select hash from audit_log where seq = 1').get() as { hash: string }
    ).hash;
    for (const row of db
      .prepare('select * from audit_log where seq >= 2 order by seq')
      .all() as Record<string, unknown>[]) {
      const details =
        row['seq'] === 2
          ? { username: 'mallory' }
          : (JSON.parse(String(row['details'])) as Record<string, unknown>);
      const entry = {
        seq: Number(row['seq']),
        id: String(row['id']),
        at: String(row['at']),
        actorId: row['actor_id'] as string | null,
        actorName: String(row['actor_name']),
        action: String(row['action']),
        targetType: row['target_type'] as string | null,
        targetId: row['target_id'] as string | null,
        outcome: row['outcome'] as 'success',
        ip: row['ip'] as string | null,
        details,
        prevHash,
      };
      prevHash = computeAuditHash(entry);
      db.prepare('update audit_log set details = ?, prev_hash = ?, hash = ? where seq = ?').run(
        JSON.stringify(details),
        entry.prevHash,
        prevHash,
        entry.seq,
      );
    }
    expect((await run('--data', dataDir, 'audit', 'verify')).code).toBe(0);
    const rewritten = await run('--data', dataDir, 'audit', 'verify', '--anchor', anchor, '--json');
    expect(rewritten.code).toBe(1);
    expect(JSON.parse(rewritten.stdout)).toMatchObject({
      ok: false,
      firstBroken: { seq: 3, reason: 'anchor-mismatch' },
    });

    // Truncation: the newest entries deleted; what is left is a valid chain.
    db.prepare('delete from audit_log where seq >= 3').run();
    db.close();
    expect((await run('--data', dataDir, 'audit', 'verify')).code).toBe(0);
    const truncated = await run('--data', dataDir, 'audit', 'verify', '--anchor', anchor, '--json');
    expect(JSON.parse(truncated.stdout)).toMatchObject({
      ok: false,
      firstBroken: { seq: 3, reason: 'anchor-missing' },
    });
    expect(
      (await run('--data', dataDir, 'audit', 'verify', '--anchor', 'not-an-anchor')).stderr,
    ).toMatch(/^WL_CLI_USAGE: /);
  });

  it('rotates the master key file; sealed data opens with the new key only', async () => {
    expect(
      (
        await run(
          '--data',
          dataDir,
          'user',
          'create',
          '--username',
          'eve',
          '--display-name',
          'Eve',
          '--role',
          'auditor',
          '--email',
          'eve@example.org',
        )
      ).code,
    ).toBe(0);
    const keyFile = join(dataDir, 'master.key');
    const oldKey = readFileSync(keyFile, 'utf8').trim();
    const rotated = await run('--data', dataDir, 'keys', 'rotate', '--json');
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ rewrapped: 1, keyFile });
    expect(readFileSync(keyFile, 'utf8').trim()).not.toBe(oldKey);

    const afterRotation = await run('--data', dataDir, 'user', 'reset-mfa', 'eve', '--json');
    expect(afterRotation.code).toBe(0);
    expect(JSON.parse(afterRotation.stdout)).toMatchObject({
      username: 'eve',
      email: 'eve@example.org',
    });

    process.env['WARDLINE_MASTER_KEY'] = oldKey;
    const withOldKey = await run('--data', dataDir, 'user', 'reset-mfa', 'eve');
    expect(withOldKey.code).toBe(1);
    expect(withOldKey.stderr).toMatch(/^WL_KEYS_INVALID_MASTER: /);
  });
});
