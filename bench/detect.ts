/**
 * Sigma evaluation benchmark: generated Windows events (evtx-json shape, as JSON lines) read,
 * parsed, classified and matched against the SigmaHQ Windows rules on one core.
 *
 *   npx tsx bench/detect.ts [--events 1000000] [--rules ../shared/data/sigmahq-sigma/rules/windows] [--seed 7]
 *
 * Event mix (weights): Sysmon 1 process creation 30, Sysmon 3 network connection 15, Sysmon 11
 * file create 15, Sysmon 13 registry value set 15, Sysmon 7 image load 10, Security 4624 logon
 * 10, Security 4688 process creation 5; each line 1–2 KB.
 *
 * Reports (a) read + split + JSON.parse alone, events/s; (b) read + split + parse + classify +
 * match, events/s; the ratio b/a; RSS before and after; rules compiled and compile time.
 * Goal: b/a ≥ 0.5.
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventData } from '../src/domain/detection.js';
import { compileRules } from '../src/engines/detect/compile/index.js';
import { classifyEvent } from '../src/engines/detect/logsource/index.js';
import { parseSigmaRule, type SigmaRule } from '../src/engines/detect/sigma/index.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    rules: {
      type: 'string',
      default: new URL('../../shared/data/sigmahq-sigma/rules/windows', import.meta.url).pathname,
    },
    seed: { type: 'string', default: '7' },
  },
});
const EVENT_COUNT = Number(values.events);

/** A small deterministic generator (mulberry32). */
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const hex = (length: number): string =>
  Array.from({ length }, () => '0123456789ABCDEF'[Math.floor(random() * 16)]).join('');
const guid = (): string => `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;

const IMAGES = [
  'C:\\Windows\\System32\\svchost.exe',
  'C:\\Windows\\System32\\cmd.exe',
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Windows\\explorer.exe',
  'C:\\Windows\\System32\\conhost.exe',
  'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
  'C:\\Windows\\System32\\rundll32.exe',
  'C:\\Windows\\System32\\taskhostw.exe',
  'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe',
  'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe',
  'C:\\Windows\\System32\\msiexec.exe',
  'C:\\Windows\\System32\\reg.exe',
  'C:\\Windows\\System32\\schtasks.exe',
  'C:\\Program Files\\7-Zip\\7z.exe',
  'C:\\Windows\\System32\\whoami.exe',
];
const COMMANDS = [
  '-k netsvcs -p -s Schedule',
  '/c echo hello > C:\\Temp\\out.txt',
  '-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1',
  '--type=renderer --field-trial-handle=1234,i,5678 --lang=en-US --disable-gpu-compositing',
  '/n /u C:\\Users\\alice\\Documents\\report.docx',
  'shell32.dll,Control_RunDLL desk.cpl',
  '/i C:\\Temp\\setup.msi /qn',
  'query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  '/create /tn Backup /tr C:\\Tools\\backup.exe /sc daily',
  'a -tzip C:\\Temp\\archive.zip C:\\Data',
  '/all',
  'ProcessId=4242',
];
const USERS = [
  'CORP\\alice',
  'CORP\\bob',
  'NT AUTHORITY\\SYSTEM',
  'NT AUTHORITY\\LOCAL SERVICE',
  'CORP\\svc_backup',
];
const HOSTS = [
  'ws-0142.corp.example',
  'ws-0077.corp.example',
  'srv-file01.corp.example',
  'dc01.corp.example',
];
const FILES = [
  'C:\\Users\\alice\\AppData\\Local\\Temp\\tmp1234.tmp',
  'C:\\Windows\\Prefetch\\CHROME.EXE-12345678.pf',
  'C:\\Users\\bob\\Downloads\\invoice.pdf',
  'C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\mpcache.bin',
];
const KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive',
  'HKU\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Office\\16.0\\Common\\Roaming',
  'HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-18',
];
const DLLS = [
  'C:\\Windows\\System32\\kernel32.dll',
  'C:\\Windows\\System32\\ntdll.dll',
  'C:\\Windows\\System32\\amsi.dll',
  'C:\\Windows\\System32\\wininet.dll',
];
const ip = (): string =>
  `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;

function system(provider: string, eventId: number, channel: string, record: number): EventData {
  return {
    Provider: { '#attributes': { Name: provider, Guid: guid() } },
    EventID: eventId,
    Version: 5,
    Level: 4,
    Task: eventId,
    Opcode: 0,
    Keywords: '0x8000000000000000',
    TimeCreated: {
      '#attributes': { SystemTime: new Date(1_780_000_000_000 + record * 13).toISOString() },
    },
    EventRecordID: record,
    Correlation: null,
    Execution: { '#attributes': { ProcessID: 3044, ThreadID: 4120 } },
    Channel: channel,
    Computer: pick(HOSTS),
    Security: { '#attributes': { UserID: 'S-1-5-18' } },
  };
}

const SYSMON = 'Microsoft-Windows-Sysmon';
const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const hashes = (): string => `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`;
const base = (): EventData => ({
  RuleName: '-',
  UtcTime: '2026-05-20 10:11:12.123',
  ProcessGuid: guid(),
  ProcessId: Math.floor(random() * 20000),
  Image: pick(IMAGES),
});

const MAKERS: [number, (record: number) => EventData][] = [
  [
    30,
    (r) => {
      const image = pick(IMAGES);
      return {
        System: system(SYSMON, 1, SYSMON_CHANNEL, r),
        EventData: {
          ...base(),
          Image: image,
          FileVersion: '10.0.19041.1 (WinBuild.160101.0800)',
          Description: 'Windows host process',
          Product: 'Microsoft® Windows® Operating System',
          Company: 'Microsoft Corporation',
          OriginalFileName: image.split('\\').pop()?.toUpperCase() ?? '',
          CommandLine: `"${image}" ${pick(COMMANDS)}`,
          CurrentDirectory: 'C:\\Windows\\system32\\',
          User: pick(USERS),
          LogonGuid: guid(),
          LogonId: '0x3e7',
          TerminalSessionId: 0,
          IntegrityLevel: 'System',
          Hashes: hashes(),
          ParentProcessGuid: guid(),
          ParentProcessId: 812,
          ParentImage: pick(IMAGES),
          ParentCommandLine: `C:\\Windows\\system32\\services.exe ${pick(COMMANDS)}`,
          ParentUser: 'NT AUTHORITY\\SYSTEM',
        },
      };
    },
  ],
  [
    15,
    (r) => ({
      System: system(SYSMON, 3, SYSMON_CHANNEL, r),
      EventData: {
        ...base(),
        User: pick(USERS),
        Protocol: 'tcp',
        Initiated: 'true',
        SourceIsIpv6: 'false',
        SourceIp: ip(),
        SourceHostname: pick(HOSTS),
        SourcePort: 49152 + Math.floor(random() * 10000),
        SourcePortName: '-',
        DestinationIsIpv6: 'false',
        DestinationIp: ip(),
        DestinationHostname: pick(HOSTS),
        DestinationPort: pick([443, 80, 445, 3389, 53]),
        DestinationPortName: 'https',
        Padding: hashes(),
      },
    }),
  ],
  [
    15,
    (r) => ({
      System: system(SYSMON, 11, SYSMON_CHANNEL, r),
      EventData: {
        ...base(),
        TargetFilename: pick(FILES),
        CreationUtcTime: '2026-05-20 10:11:12.123',
        User: pick(USERS),
        Hashes: hashes(),
      },
    }),
  ],
  [
    15,
    (r) => ({
      System: system(SYSMON, 13, SYSMON_CHANNEL, r),
      EventData: {
        ...base(),
        EventType: 'SetValue',
        TargetObject: pick(KEYS),
        Details: `DWORD (0x0000000${Math.floor(random() * 9)})`,
        User: pick(USERS),
        Hashes: hashes(),
      },
    }),
  ],
  [
    10,
    (r) => ({
      System: system(SYSMON, 7, SYSMON_CHANNEL, r),
      EventData: {
        ...base(),
        ImageLoaded: pick(DLLS),
        FileVersion: '10.0.19041.1',
        Description: 'Windows NT BASE API Client DLL',
        Product: 'Microsoft® Windows® Operating System',
        Company: 'Microsoft Corporation',
        OriginalFileName: 'kernel32',
        Hashes: hashes(),
        Signed: 'true',
        Signature: 'Microsoft Windows',
        SignatureStatus: 'Valid',
        User: pick(USERS),
      },
    }),
  ],
  [
    10,
    (r) => ({
      System: system('Microsoft-Windows-Security-Auditing', 4624, 'Security', r),
      EventData: {
        SubjectUserSid: 'S-1-5-18',
        SubjectUserName: 'WS-0142$',
        SubjectDomainName: 'CORP',
        SubjectLogonId: '0x3e7',
        TargetUserSid: 'S-1-5-21-1-2-3-1001',
        TargetUserName: pick(['alice', 'bob', 'svc_backup']),
        TargetDomainName: 'CORP',
        TargetLogonId: `0x${hex(6)}`,
        LogonType: pick([2, 3, 5, 10]),
        LogonProcessName: 'User32',
        AuthenticationPackageName: 'Negotiate',
        WorkstationName: 'WS-0142',
        LogonGuid: guid(),
        TransmittedServices: '-',
        LmPackageName: '-',
        KeyLength: 0,
        ProcessId: '0x2a0',
        ProcessName: 'C:\\Windows\\System32\\svchost.exe',
        IpAddress: ip(),
        IpPort: '0',
        ImpersonationLevel: '%%1833',
        RestrictedAdminMode: '-',
        TargetOutboundUserName: '-',
        TargetOutboundDomainName: '-',
        VirtualAccount: '%%1843',
        TargetLinkedLogonId: '0x0',
        ElevatedToken: '%%1842',
      },
    }),
  ],
  [
    5,
    (r) => {
      const image = pick(IMAGES);
      return {
        System: system('Microsoft-Windows-Security-Auditing', 4688, 'Security', r),
        EventData: {
          SubjectUserSid: 'S-1-5-18',
          SubjectUserName: 'WS-0142$',
          SubjectDomainName: 'CORP',
          SubjectLogonId: '0x3e7',
          NewProcessId: '0x1a2c',
          NewProcessName: image,
          TokenElevationType: '%%1936',
          ProcessId: '0x3e8',
          CommandLine: `"${image}" ${pick(COMMANDS)}`,
          TargetUserSid: 'S-1-0-0',
          TargetUserName: '-',
          TargetDomainName: '-',
          TargetLogonId: '0x0',
          ParentProcessName: pick(IMAGES),
          MandatoryLabel: 'S-1-16-16384',
          Padding: hashes(),
        },
      };
    },
  ],
];
const TOTAL_WEIGHT = MAKERS.reduce((sum, [weight]) => sum + weight, 0);

function makeEvent(record: number): string {
  let roll = random() * TOTAL_WEIGHT;
  for (const [weight, make] of MAKERS) {
    roll -= weight;
    if (roll < 0)
      return JSON.stringify({
        Event: {
          '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
          ...make(record),
        },
      });
  }
  return '';
}

async function writeEvents(path: string): Promise<{ bytes: number; min: number; max: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  let min = Infinity;
  let max = 0;
  let chunk: string[] = [];
  for (let record = 1; record <= EVENT_COUNT; record += 1) {
    const line = makeEvent(record);
    bytes += line.length + 1;
    min = Math.min(min, line.length);
    max = Math.max(max, line.length);
    chunk.push(line);
    if (chunk.length === 2000 || record === EVENT_COUNT) {
      if (!out.write(`${chunk.join('\n')}\n`))
        await new Promise<void>((resolve) =>
          out.once('drain', () => {
            resolve();
          }),
        );
      chunk = [];
    }
  }
  await new Promise<void>((resolve) => {
    out.end(() => {
      resolve();
    });
  });
  return { bytes, min, max };
}

/** Reads lines from the file and hands each parsed event to `each`. */
async function readLines(path: string, each: (data: EventData) => void): Promise<number> {
  let count = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      if (end > start) {
        each(JSON.parse(text.slice(start, end)) as EventData);
        count += 1;
      }
      start = end + 1;
    }
    rest = text.slice(start);
  }
  return count;
}

function loadRules(dir: string): SigmaRule[] {
  const rules: SigmaRule[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yml'))
        rules.push(...parseSigmaRule(readFileSync(path, 'utf8'), { source: path }).rules);
    }
  };
  walk(dir);
  return rules;
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-detect-bench-'));
  const path = join(dir, 'events.jsonl');
  try {
    let started = performance.now();
    const written = await writeEvents(path);
    console.log(
      `generated ${EVENT_COUNT.toLocaleString()} events, ${mb(written.bytes)} (lines ${written.min}–${written.max} bytes, mean ${(written.bytes / EVENT_COUNT).toFixed(0)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const rules = loadRules(values.rules);
    started = performance.now();
    const { ruleSet, problems } = compileRules(rules);
    const compileMs = performance.now() - started;
    console.log(
      `rules: ${rules.length} parsed, ${ruleSet.rules.length} compiled, ${problems.length} not compiled, compile ${compileMs.toFixed(0)} ms`,
    );

    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    let sink = 0;
    const parsed = await readLines(path, (data) => {
      sink += Object.keys(data).length;
    });
    const parseSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    let detections = 0;
    const fired = new Map<string, number>();
    await readLines(path, (data) => {
      const found = classifyEvent(data);
      const matched = ruleSet.match(
        { time: found.time ?? '', shape: found.shape, logsource: found.logsource, data },
        { alsoCategories: found.alsoCategories ?? [] },
      );
      detections += matched.length;
      for (const rule of matched)
        fired.set(rule.summary.title, (fired.get(rule.summary.title) ?? 0) + 1);
    });
    const matchSeconds = (performance.now() - started) / 1000;
    const rssAfter = process.memoryUsage().rss;

    const a = parsed / parseSeconds;
    const b = parsed / matchSeconds;
    console.log(
      `(a) read + split + JSON.parse: ${Math.round(a).toLocaleString()} events/s (${parseSeconds.toFixed(1)} s)${sink < 0 ? '' : ''}`,
    );
    console.log(
      `(b) + classify + match ${ruleSet.rules.length} rules: ${Math.round(b).toLocaleString()} events/s (${matchSeconds.toFixed(1)} s), ${detections.toLocaleString()} detections`,
    );
    console.log(
      `ratio b/a: ${(b / a).toFixed(2)} (goal ≥ 0.5); match alone ≈ ${(((matchSeconds - parseSeconds) * 1e6) / parsed).toFixed(1)} µs/event`,
    );
    console.log(`RSS before ${mb(rssBefore)}, after ${mb(rssAfter)}`);
    console.log(
      `rules firing most: ${[...fired.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 5)
        .map(([title, n]) => `${title} (${n})`)
        .join('; ')}`,
    );
  } finally {
    if (process.env.KEEP_EVENTS === undefined) rmSync(dir, { recursive: true, force: true });
    else console.log(path);
  }
}

await main();
