/**
 * Page objects: what a person does on each Wardline screen, in their words. Tests read as the
 * steps a security lead takes; selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';
import { currentTotp } from '../../src/services/auth/totp.js';

/** The next 30-second TOTP step, so two sign-ins in a row never reuse a code. */
export async function waitForFreshTotpStep(): Promise<void> {
  const intoStep = (Date.now() / 1000) % 30;
  await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 200));
}

export class WardlinePages {
  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {}

  async bootstrap(
    token: string,
    username: string,
    displayName: string,
    password: string,
  ): Promise<void> {
    await this.page.goto(`${this.origin}/bootstrap`);
    await this.page.getByLabel('Bootstrap token').fill(token);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Display name').fill(displayName);
    await this.page.getByLabel(/^Password/).fill(password);
    await this.page.getByLabel('Confirm password').fill(password);
    await this.page.getByRole('button', { name: 'Create administrator' }).click();
  }

  /** Enrolls TOTP with the secret shown on the page; returns the secret and the recovery codes. */
  async enrollTotp(): Promise<{ secret: string; recoveryCodes: string[] }> {
    const secretText = await this.page.getByTestId('totp-secret').innerText();
    const secret = secretText.replace(/\s+/g, '');
    await this.page.getByTestId('enroll-code').fill(currentTotp(secret));
    await this.page.getByRole('button', { name: 'Confirm authenticator' }).click();
    await this.page.getByTestId('recovery-codes').waitFor();
    const recoveryCodes = await this.page.getByTestId('recovery-code-item').allInnerTexts();
    await this.page.getByLabel('I have saved these recovery codes').check();
    await this.page.getByRole('button', { name: 'Continue to Wardline' }).click();
    return { secret, recoveryCodes };
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.origin}/login`);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel(/^Password/).fill(password);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async enterTotp(secret: string): Promise<void> {
    await this.page.getByTestId('totp-code').fill(currentTotp(secret));
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  async openArea(name: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  /** Creates a user from Admin → Users and returns the temporary password shown once. */
  async createUser(username: string, displayName: string, roleLabel: string): Promise<string> {
    await this.openArea('Admin');
    await this.page.getByRole('button', { name: 'Create user' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Username').fill(username);
    await dialog.getByLabel('Display name').fill(displayName);
    await dialog.getByLabel(roleLabel).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const password = (await this.page.getByTestId('temporary-password').innerText()).trim();
    await this.page.getByRole('button', { name: 'Done' }).click();
    return password;
  }

  /** Registers a passkey from the Security page with the browser's (virtual) authenticator. */
  async registerPasskey(name: string, currentPassword: string): Promise<void> {
    await this.page.getByTestId('account-menu').click();
    await this.page.getByRole('menuitem', { name: 'Security' }).click();
    await this.page.getByLabel('Passkey name').fill(name);
    await this.page
      .getByRole('form', { name: 'Register a passkey' })
      .getByLabel(/^Current password/)
      .fill(currentPassword);
    await this.page.getByRole('button', { name: 'Register a passkey' }).click();
    await this.page.getByRole('status').filter({ hasText: name }).waitFor();
  }

  async usePasskey(): Promise<void> {
    await this.page.getByRole('button', { name: 'Use a passkey' }).click();
  }

  /** The forced first step of a user whose password an administrator set. */
  async chooseOwnPassword(temporary: string, own: string): Promise<void> {
    await this.page.waitForURL(/\/change-password/);
    const form = this.page.getByRole('form', { name: 'Change password' });
    await form.getByLabel(/^Current password/).fill(temporary);
    await form.getByLabel(/^New password/).fill(own);
    await form.getByLabel(/^Confirm new password/).fill(own);
    await form.getByRole('button', { name: 'Change password' }).click();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('account-menu').click();
    await this.page.getByRole('menuitem', { name: 'Log out', exact: true }).click();
    await this.page.waitForURL(/\/login/);
  }

  navigationLabels(): Promise<string[]> {
    return this.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link')
      .allInnerTexts();
  }

  /** Picks an option of a Mantine select (a combobox whose options open in a list). */
  async choose(scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await this.page
      .getByRole('option', { name: option, exact: typeof option === 'string' })
      .click();
  }

  /** Uploads a file from Imports; returns once the job has ended, with its final status. */
  async importFile(kindLabel: string, path: string): Promise<string> {
    await this.openArea('Imports');
    const form = this.page.getByRole('form', { name: 'Import a file' });
    await this.choose(form, 'Kind of file', new RegExp(`^${kindLabel}`));
    return this.submitImport(path);
  }

  /** Sends the upload form as it stands (kind and options already chosen) with this file. */
  async submitImport(path: string): Promise<string> {
    const form = this.page.getByRole('form', { name: 'Import a file' });
    await form.locator('input[type="file"]').setInputFiles(path);
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    const ended = ['succeeded', 'failed', 'cancelled']
      .map((status) => `[data-testid="job-progress"][data-status="${status}"]`)
      .join(', ');
    const progress = this.page.locator(ended).first();
    await progress.waitFor({ timeout: 60_000 });
    return (await progress.getAttribute('data-status')) ?? '';
  }

  /** Filters the asset list by the kind of source that reported the assets. */
  async filterAssetsBySource(sourceLabel: string): Promise<void> {
    await this.choose(this.page, 'Reported by', sourceLabel);
    await this.page.waitForURL(/source=/);
  }

  async openAsset(name: string): Promise<void> {
    await this.page.getByTestId('assets-table').getByRole('link', { name, exact: true }).click();
    await this.page.getByTestId('asset-name').filter({ hasText: name }).waitFor();
  }

  /** Sets the patient-safety impact from the asset page's Edit dialog. */
  async overridePatientSafety(impactLabel: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await this.choose(dialog, 'Patient-safety impact', impactLabel);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Clears an override from the Edit dialog, so the sources' value returns. */
  async clearOverride(factLabel: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(`Clear the override: use the sources' ${factLabel}`).check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Creates a zone from the Zones page at the named site. */
  async createZone(
    siteName: string,
    zone: { name: string; kindLabel: string; cidrs: readonly string[] },
  ): Promise<void> {
    await this.openArea('Zones');
    await this.page.getByRole('button', { name: `Add a zone to ${siteName}` }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(zone.name);
    await this.choose(dialog, 'Kind', zone.kindLabel);
    for (const [index, cidr] of zone.cidrs.entries()) {
      if (index > 0) await dialog.getByRole('button', { name: 'Add a network' }).click();
      await dialog.getByLabel(`Network ${String(index + 1)}`, { exact: true }).fill(cidr);
    }
    await dialog.getByRole('button', { name: 'Create zone' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
