/**
 * Debian's Chromium, driven by playwright-core (which downloads no browser of its own). The flags
 * keep a headless Chromium from reaching for the network at start, which this machine refuses.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BUILT } from '../support/wardline-server.js';

export const CHROMIUM = process.env['WARDLINE_CHROMIUM'] ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export const unavailableBecause: string | undefined = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium)`
  : !BUILT
    ? 'Wardline is not built (npm run build)'
    : undefined;

/** CI installs Chromium and builds first; there a missing browser fails instead of skipping. */
export const skipBrowserTests =
  unavailableBecause !== undefined && (process.env['CI'] ?? '') === '';

export function suiteTitle(title: string): string {
  return unavailableBecause === undefined ? title : `${title} [skipped: ${unavailableBecause}]`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
