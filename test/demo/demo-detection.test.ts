/**
 * The demo hospital's day of logs, loaded into a fresh store with the rest of the demo (as
 * `wardline serve --demo` does): the attack it tells raises the expected alerts from the bundled
 * healthcare rules, each on the demo asset the story names, with its ATT&CK technique and in the
 * story's order; the ordinary day around it, near misses included, raises nothing else.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/detection.js';
import type { DemoLoad } from '../../src/services/demo/demo-service.js';
import {
  DEMO_LOG_DAY,
  DEMO_LOG_FILES,
  DEMO_PLACEHOLDERS,
  DEMO_STORY,
  DEMO_STORY_ALERTS,
} from '../../src/services/demo/demo-story.js';
import { createServices, type Services } from '../../src/services/services.js';
import { generateMasterKey } from '../../src/store/master-key.js';
import { openKeyring } from '../../src/store/sealing.js';
import { TEST_SETTINGS } from '../support/app.js';
import { describeEachDialect } from '../support/stores.js';

/** The demo asset's name from the inventory's: workstations are named by their DNS name. */
const demoName = (assetName: string | null): string | null =>
  assetName === null ? null : (assetName.split('.')[0] ?? '').toUpperCase();

describeEachDialect('demo hospital: the day of logs through detection', (ctx) => {
  let services: Services;
  let load: DemoLoad;
  let alerts: readonly Alert[];

  const alert = (title: string): Alert => {
    const found = alerts.filter((a) => a.title === title);
    expect(found, title).toHaveLength(1);
    return found[0] as Alert;
  };

  beforeAll(async () => {
    services = createServices({
      db: ctx.db,
      keyring: await openKeyring(ctx.store, generateMasterKey()),
      clock: () => new Date('2026-11-28T08:00:00.000Z'),
      settings: TEST_SETTINGS,
    });
    load = await services.demo.load();
    alerts = (await services.detection.alerts.list({ limit: 500 })).items;
  }, 180_000);

  it('ingests every log file under its own file source, every record read', async () => {
    expect(load.logs.map((l) => l.path)).toEqual(DEMO_LOG_FILES.map((f) => f.path));
    for (const log of load.logs) {
      expect(log.rejected, log.path).toBe(0);
      expect(log.accepted, log.path).toBeGreaterThan(40);
    }
    const sources = await services.detection.sources.list();
    for (const file of DEMO_LOG_FILES) {
      const source = sources.find((s) => s.name === file.source);
      expect(source?.protocol, file.source).toBe('file');
    }
    expect(load.logs.reduce((n, l) => n + l.accepted, 0)).toBeGreaterThan(3_000);
  });

  it('sets the placeholders the story needs, beside the AE titles the inventory gives', async () => {
    const stored = await services.detection.placeholders();
    for (const [name, values] of Object.entries(DEMO_PLACEHOLDERS)) {
      expect(stored[name], name).toEqual(values);
    }
  });

  it('raises each alert of the story, on the demo asset it names, with its technique', () => {
    for (const expected of DEMO_STORY_ALERTS) {
      const found = alert(expected.title);
      expect(demoName(found.assetName), expected.title).toBe(expected.asset);
      if (expected.asset !== null) expect(found.assetId, expected.title).not.toBeNull();
      expect(found.techniques, expected.title).toContain(expected.technique);
      expect(found.firstSeen.slice(0, 10), expected.title).toBe(DEMO_LOG_DAY);
    }
  });

  it('tells the attack in order: phishing, credentials, lateral movement, recovery, PHI', () => {
    const at = (title: string): string => alert(title).firstSeen;
    const order = [
      'Office Application or Mail Client Starting a Script Host or Shell',
      'LSASS Dumped With ProcDump or comsvcs.dll MiniDump',
      'Network Logon Followed by Admin Share Access',
      'Shadow Copies Deleted or Shrunk With vssadmin',
      "One User Opening Many Patients' Records",
      'Large Outbound Transfer From the EHR Zone to the Internet',
    ].map(at);
    expect([...order].sort()).toEqual(order);
  });

  it('keeps the events behind an alert: the macro, the admin share, the nurse’s account', async () => {
    const macro = await services.detection.alerts.get(
      alert('Office Application or Mail Client Starting a Script Host or Shell').id,
    );
    const process = JSON.stringify(macro.events[0]?.data);
    expect(process).toContain('WINWORD.EXE');
    expect(process).toContain('powershell.exe -nop -w hidden -enc');
    expect(macro.host?.toUpperCase()).toContain(DEMO_STORY.victim.host);
    const lateral = await services.detection.alerts.get(
      alert('Network Logon Followed by Admin Share Access').id,
    );
    expect(lateral.groupKey).toContain(DEMO_STORY.victim.ip);
    const records = await services.detection.alerts.get(
      alert("One User Opening Many Patients' Records").id,
    );
    expect(records.events.every((e) => e.data.UserId === DEMO_STORY.victim.user)).toBe(true);
  });

  it('raises nothing else: the ordinary day and its near misses stay quiet', async () => {
    expect(alerts.map((a) => a.title).sort()).toEqual(DEMO_STORY_ALERTS.map((a) => a.title).sort());
    const quiet = [
      // 4625s now and then, never ten accounts from one address
      'Windows Password Spray From One Address',
      // pumps, monitors and modalities talk only inside the hospital
      'Clinical Device Zone Talking to the Internet',
      // the HIE feed's $export runs as a service account
      'Bulk Export of Health Records by a Non-Service Account',
      // VPN sign-ins come from home, one country per user
      'VPN Sign-In From a Country Outside the Home Countries',
      'Entra ID Sign-Ins From Two Countries Within an Hour',
      'Entra ID Repeated MFA Prompts (Possible MFA Fatigue)',
      'Windows Recovery Disabled With bcdedit',
      'Mass File Writes by One Process (Possible Ransomware Encryption)',
    ];
    const loaded = await services.detection.rules.list({ origin: 'bundled', limit: 500 });
    const enabled = loaded.items.filter((r) => r.enabled).map((r) => r.title);
    for (const title of quiet) {
      expect(enabled, `${title} is a loaded rule`).toContain(title);
      expect(
        alerts.map((a) => a.title),
        title,
      ).not.toContain(title);
    }
    // Near misses of the story's own rules: Defender reading LSASS, `vssadmin list shadows`,
    // `net stop Spooler`, the 48 GB backup to BACKUP-01, Word printing: one alert each, the story's.
    for (const expected of DEMO_STORY_ALERTS) expect(alert(expected.title).count).toBeLessThan(4);
    expect(alert('LSASS Memory Opened With Credential-Dumping Access Rights').count).toBe(1);
    expect(alert('Shadow Copies Deleted or Shrunk With vssadmin').count).toBe(1);
    expect(alert('Large Outbound Transfer From the EHR Zone to the Internet').count).toBe(1);
  });

  it('loads once: a second load leaves the store and its alerts as they are', async () => {
    const again = await services.demo.load();
    expect(again.loaded).toBe(false);
    expect(again.logs).toEqual([]);
    expect((await services.detection.alerts.list({ limit: 500 })).total).toBe(alerts.length);
  });
});
