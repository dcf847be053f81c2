/** An administrator lifts a lockout early, for the nurse who calls the help desk. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import {
  ApiClient,
  expectOk,
  failureOf,
  signInAs,
  startTestApp,
  TEST_SETTINGS,
  type TestApp,
} from '../support/app.js';

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

const login = (username: string, password: string) =>
  new ApiClient(t.app).request('POST', '/api/v1/auth/login', { username, password });

describe('unlocking an account', () => {
  it('lets a locked user sign in again at once, and audits that it was locked', async () => {
    const admin = (await signInAs(t, ['admin'])).client;
    const nurse = await signInAs(t, ['clinical-engineer']);
    for (let i = 0; i < TEST_SETTINGS.maxFailedLogins; i++)
      await login(nurse.username, `guess ${i}`);
    expect(failureOf(await login(nurse.username, nurse.password)).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );

    expectOk(await admin.request('POST', `/api/v1/users/${nurse.userId}/unlock`));
    expect(
      expectOk(await login(nurse.username, nurse.password)).json<{ stage: string }>().stage,
    ).toBe('password');
    const entries = await t.services.audit.list({ action: 'user.unlock' });
    expect(entries.items[0]).toMatchObject({
      targetId: nurse.userId,
      details: { wasLocked: true },
    });
  });
});
