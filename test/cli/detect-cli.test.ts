/**
 * Detection on the command line: `wardline detect` prints one JSON line per alert with the rule
 * and the event, `wardline hunt` the same over several files with a count per rule, `wardline rules
 * check` says which rules do not compile and why, and `wardline logs import` sends files through
 * the store's pipeline (alerts and dead letters) where `sources list` counts them.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/cli-run.js';

function sysmon(eventId: number, time: string, data: Record<string, string>): string {
  return JSON.stringify({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: eventId,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: 'WS-NURSE-12.example.org',
        TimeCreated: { '#attributes': { SystemTime: time } },
      },
      EventData: data,
    },
  });
}

const MACRO = sysmon(1, '2026-11-27T09:14:02.000Z', {
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  OriginalFileName: 'PowerShell.EXE',
  CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
  ParentImage: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
  User: 'EXAMPLE\\nurse12',
});
const SHADOWS = sysmon(1, '2026-11-27T11:40:00.000Z', {
  Image: 'C:\\Windows\\System32\\vssadmin.exe',
  OriginalFileName: 'VSSADMIN.EXE',
  CommandLine: 'vssadmin.exe Delete Shadows /All /Quiet',
  ParentImage: 'C:\\Windows\\System32\\cmd.exe',
  User: 'EXAMPLE\\admin',
});
const BENIGN = sysmon(1, '2026-11-27T09:00:00.000Z', {
  Image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
  CommandLine: '"WINWORD.EXE" /n "C:\\Users\\nurse12\\Documents\\handover.docx"',
  ParentImage: 'C:\\Windows\\explorer.exe',
  User: 'EXAMPLE\\nurse12',
});

describe('wardline detect, hunt, rules, logs', () => {
  let dir: string;
  let day: string;
  let night: string;
  const rules = new URL('../../rules/healthcare', import.meta.url).pathname;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wardline-detect-cli-'));
    day = join(dir, 'day.jsonl');
    night = join(dir, 'night.jsonl');
    await writeFile(day, `${BENIGN}\n${MACRO}\n{broken\n`);
    await writeFile(night, `${SHADOWS}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line per alert with rule id, title, level, tags and the event', async () => {
    const result = await run('detect', '--rules', rules, '--events', day, night, '--json');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const titles = lines.map((line) => String(line['title']));
    expect(titles.some((t) => /office/i.test(t))).toBe(true);
    expect(titles.some((t) => /shadow/i.test(t))).toBe(true);
    for (const line of lines) {
      expect(line).toMatchObject({ kind: 'rule', host: 'WS-NURSE-12.example.org' });
      expect(typeof line['ruleId']).toBe('string');
      expect(Array.isArray(line['tags'])).toBe(true);
      expect(JSON.stringify(line['event'])).not.toContain('handover.docx');
    }
    expect(result.stderr).toContain('1 record(s) could not be read');
  });

  it('hunts over several files and counts detections per rule', async () => {
    const result = await run('hunt', '--rules', rules, day, night);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\d+ detection\(s\)/);
    expect(result.stdout.split('\n').filter((l) => /shadow/i.test(l)).length).toBeGreaterThan(0);
  });

  it('checks a rule tree and lists each rule that does not compile with the reason', async () => {
    const bad = join(dir, 'rules');
    await mkdir(bad);
    await writeFile(
      join(bad, 'ok.yml'),
      'title: ok\nid: 6f1d2a0e-1111-4c3b-9d1e-000000000001\nlogsource: {product: windows}\ndetection:\n  s: {EventID: 1}\n  condition: s\n',
    );
    await writeFile(
      join(bad, 'unknown-modifier.yml'),
      'title: bad\nid: 6f1d2a0e-1111-4c3b-9d1e-000000000002\nlogsource: {product: windows}\ndetection:\n  s: {Image|sideways: x}\n  condition: s\n',
    );
    await writeFile(
      join(bad, 'catastrophic.yml'),
      'title: slow\nid: 6f1d2a0e-1111-4c3b-9d1e-000000000003\nlogsource: {product: windows}\ndetection:\n  s: {CommandLine|re: "(a+)+$"}\n  condition: s\n',
    );
    const result = await run('rules', 'check', bad, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      rules: number;
      compiled: number;
      failures: { where: string; reasons: string[] }[];
    };
    // The catastrophic regex compiles: it runs on the linear-time engine, so it cannot hang.
    expect(report.failures.map((f) => f.where)).toEqual(['unknown-modifier.yml']);
    expect(report.failures[0]?.reasons.join(' ')).toContain('WL_SIGMA_MODIFIER_UNKNOWN');
    const text = await run('rules', 'check', rules);
    expect(text.stdout).toMatch(/(\d+) of \1 rule\(s\) in \d+ file\(s\) compile \(100\.00%\)/);
  });

  it('imports log files into the store, raising alerts and keeping dead letters', async () => {
    const data = join(dir, 'data');
    const imported = await run('--data', data, 'logs', 'import', day, night, '--json');
    expect(imported.code).toBe(0);
    const counts = JSON.parse(imported.stdout) as Record<string, number>;
    expect(counts).toMatchObject({ accepted: 3, rejected: 1 });
    expect(counts['alerts']).toBeGreaterThanOrEqual(2);
    const sources = await run('--data', data, 'sources', 'list', '--json');
    const list = JSON.parse(sources.stdout) as {
      name: string;
      eventsTotal: number;
      errorsTotal: number;
    }[];
    expect(list.find((s) => s.name === 'files')).toMatchObject({ eventsTotal: 3, errorsTotal: 1 });
  }, 60_000);
});
