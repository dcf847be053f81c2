/** The audit head as an anchor through the API: read it, and verify the log against it later. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { expectOk, failureOf, signInAs, startTestApp, type TestApp } from '../support/app.js';

let store: TestStore;
let t: TestApp;

beforeAll(async () => {
  store = await openSqliteTestStore();
  t = await startTestApp(store.store);
});

afterAll(async () => {
  await t.close();
  await store.dispose();
});

describe('audit anchors', () => {
  it('verifies against the head read earlier, and refuses a head the log does not hold', async () => {
    const auditor = (await signInAs(t, ['auditor'])).client;
    const head = expectOk(await auditor.request('GET', '/api/v1/audit/head')).json<{
      seq: number;
      hash: string;
    }>();
    expect(head.seq).toBeGreaterThan(1);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    await signInAs(t, ['clinical-engineer']); // the log grows past the anchor

    const good = await auditor.request(
      'GET',
      `/api/v1/audit/verify?anchor=${head.seq}:${head.hash}`,
    );
    expect(expectOk(good).json()).toMatchObject({ ok: true });
    const forged = await auditor.request(
      'GET',
      `/api/v1/audit/verify?anchor=${head.seq}:${'0'.repeat(64)}`,
    );
    expect(forged.json()).toMatchObject({
      ok: false,
      firstBroken: { seq: head.seq, reason: 'anchor-mismatch' },
    });
    const future = await auditor.request('GET', `/api/v1/audit/verify?anchor=999999:${head.hash}`);
    expect(future.json()).toMatchObject({
      ok: false,
      firstBroken: { seq: 999999, reason: 'anchor-missing' },
    });
    expect(failureOf(await auditor.request('GET', '/api/v1/audit/verify?anchor=nonsense'))).toEqual(
      { status: 400, code: 'WL_REQUEST_INVALID' },
    );
  });
});
