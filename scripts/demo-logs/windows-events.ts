/**
 * Windows events as `evtx_dump` and SigmaHQ's regression data write them, one JSON object a line:
 * `{"Event":{"System":{…},"EventData":{…}}}`. Builders for the Sysmon, Security and System events
 * the demo's hosts forward.
 */
import { DEMO_DOMAIN } from '../../src/services/demo/demo-story.js';
import { iso, type Random, type Timed } from './random.js';

type Channel = 'sysmon' | 'security' | 'system';

/** One Windows event before rendering. */
export interface WinEvent extends Timed {
  readonly host: string;
  readonly channel: Channel;
  readonly id: number;
  readonly data: Readonly<Record<string, string | number>>;
}

const PROVIDERS: Readonly<Record<Channel, { name: string; guid: string; channel: string }>> = {
  sysmon: {
    name: 'Microsoft-Windows-Sysmon',
    guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}',
    channel: 'Microsoft-Windows-Sysmon/Operational',
  },
  security: {
    name: 'Microsoft-Windows-Security-Auditing',
    guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}',
    channel: 'Security',
  },
  system: {
    name: 'Service Control Manager',
    guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}',
    channel: 'System',
  },
};

/** Task numbers Windows writes with each event id (Sysmon: the id itself). */
const SECURITY_TASKS: Readonly<Record<number, number>> = {
  4624: 12544,
  4625: 12544,
  4634: 12545,
  4672: 12548,
  5140: 12808,
};

/** The host's name as Windows writes `Computer`: the DNS name. */
export function computer(host: string): string {
  return `${host}.${DEMO_DOMAIN.dns}`;
}

/** `LVMC\user`. */
export function domainUser(user: string): string {
  return `${DEMO_DOMAIN.netbios}\\${user}`;
}

/** `2026-11-27 09:12:05.123`, Sysmon's `UtcTime`. */
export function utcTime(t: number): string {
  return iso(t).replace('T', ' ').replace('Z', '');
}

/** Renders events in time order as JSON lines, numbering records per host and channel. */
export function renderWindows(events: readonly WinEvent[], r: Random): string {
  const records = new Map<string, number>();
  const lines = events.map((e) => {
    const key = `${e.host}/${e.channel}`;
    const record = (records.get(key) ?? 40_000 + r.int(0, 9_000)) + 1;
    records.set(key, record);
    const provider = PROVIDERS[e.channel];
    const systemTime = iso(e.t).replace('Z', '000Z');
    return JSON.stringify({
      Event: {
        System: {
          Provider: {
            '#attributes': {
              Name: provider.name,
              Guid: provider.guid,
              ...(e.channel === 'system' ? { EventSourceName: provider.name } : {}),
            },
          },
          EventID: e.id,
          Version: e.channel === 'sysmon' ? 5 : e.id === 4624 ? 2 : 0,
          Level: e.channel === 'security' ? 0 : 4,
          Task: e.channel === 'sysmon' ? e.id : (SECURITY_TASKS[e.id] ?? 0),
          Opcode: 0,
          Keywords: e.channel === 'security' ? '0x8020000000000000' : '0x8000000000000000',
          TimeCreated: { '#attributes': { SystemTime: systemTime } },
          EventRecordID: record,
          Correlation: null,
          Execution: { '#attributes': { ProcessID: 4, ThreadID: r.int(100, 9_999) } },
          Channel: provider.channel,
          Computer: computer(e.host),
          Security: e.channel === 'security' ? null : { '#attributes': { UserID: 'S-1-5-18' } },
        },
        EventData: e.data,
      },
    });
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A process start as Sysmon reports it (event 1). */
export interface ProcessStart {
  readonly t: number;
  readonly host: string;
  readonly user: string;
  readonly image: string;
  readonly commandLine: string;
  readonly parentImage: string;
  readonly parentCommandLine: string;
  readonly integrity?: string;
  readonly cwd?: string;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1);
}

export function processStart(p: ProcessStart, r: Random): WinEvent {
  return {
    t: p.t,
    host: p.host,
    channel: 'sysmon',
    id: 1,
    data: {
      RuleName: '-',
      UtcTime: utcTime(p.t),
      ProcessGuid: r.guid(),
      ProcessId: r.int(1_000, 15_000),
      Image: p.image,
      OriginalFileName: fileName(p.image),
      CommandLine: p.commandLine,
      CurrentDirectory: p.cwd ?? 'C:\\Windows\\system32\\',
      User: p.user.includes('\\') ? p.user : domainUser(p.user),
      LogonGuid: r.guid(),
      LogonId: `0x${r.hex(6)}`,
      TerminalSessionId: p.user.startsWith('NT AUTHORITY') ? 0 : 1,
      IntegrityLevel: p.integrity ?? 'Medium',
      ParentProcessGuid: r.guid(),
      ParentProcessId: r.int(1_000, 15_000),
      ParentImage: p.parentImage,
      ParentCommandLine: p.parentCommandLine,
    },
  };
}

/** A process opening another (Sysmon 10). */
export function processAccess(
  t: number,
  host: string,
  sourceImage: string,
  grantedAccess: string,
  sourceUser: string,
  r: Random,
): WinEvent {
  return {
    t,
    host,
    channel: 'sysmon',
    id: 10,
    data: {
      RuleName: '-',
      UtcTime: utcTime(t),
      SourceProcessGUID: r.guid(),
      SourceProcessId: r.int(1_000, 15_000),
      SourceThreadId: r.int(1_000, 15_000),
      SourceImage: sourceImage,
      TargetProcessGUID: r.guid(),
      TargetProcessId: 724,
      TargetImage: 'C:\\Windows\\system32\\lsass.exe',
      GrantedAccess: grantedAccess,
      CallTrace:
        'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e',
      SourceUser: sourceUser,
      TargetUser: 'NT AUTHORITY\\SYSTEM',
    },
  };
}

/** A successful logon (Security 4624). */
export function logon(
  t: number,
  host: string,
  user: string,
  logonType: number,
  from: { ip: string; workstation: string },
  r: Random,
): WinEvent {
  const network = logonType === 3;
  return {
    t,
    host,
    channel: 'security',
    id: 4624,
    data: {
      SubjectUserSid: network ? 'S-1-0-0' : 'S-1-5-18',
      SubjectUserName: network ? '-' : `${host}$`,
      SubjectDomainName: network ? '-' : DEMO_DOMAIN.netbios,
      SubjectLogonId: network ? '0x0' : '0x3e7',
      TargetUserSid: `S-1-5-21-1111111111-2222222222-3333333333-${String(1100 + (hash(user) % 800))}`,
      TargetUserName: user,
      TargetDomainName: DEMO_DOMAIN.netbios,
      TargetLogonId: `0x${r.hex(7)}`,
      LogonType: logonType,
      LogonProcessName: network ? 'NtLmSsp ' : 'User32 ',
      AuthenticationPackageName: network ? 'NTLM' : 'Negotiate',
      WorkstationName: from.workstation,
      LogonGuid: '{00000000-0000-0000-0000-000000000000}',
      TransmittedServices: '-',
      LmPackageName: network ? 'NTLM V2' : '-',
      KeyLength: network ? 128 : 0,
      ProcessId: network ? '0x0' : `0x${r.hex(3)}`,
      ProcessName: network ? '-' : 'C:\\Windows\\System32\\svchost.exe',
      IpAddress: from.ip,
      IpPort: network ? String(r.int(49_152, 65_000)) : '0',
      ImpersonationLevel: '%%1833',
      ElevatedToken: '%%1842',
    },
  };
}

/** A failed logon (Security 4625), a mistyped password. */
export function failedLogon(t: number, host: string, user: string, ip: string): WinEvent {
  return {
    t,
    host,
    channel: 'security',
    id: 4625,
    data: {
      SubjectUserSid: 'S-1-5-18',
      SubjectUserName: `${host}$`,
      SubjectDomainName: DEMO_DOMAIN.netbios,
      TargetUserName: user,
      TargetDomainName: DEMO_DOMAIN.netbios,
      Status: '0xc000006d',
      FailureReason: '%%2313',
      SubStatus: '0xc000006a',
      LogonType: 2,
      LogonProcessName: 'User32 ',
      AuthenticationPackageName: 'Negotiate',
      WorkstationName: host,
      IpAddress: ip,
      IpPort: '0',
    },
  };
}

/** A share connection (Security 5140). */
export function shareAccess(
  t: number,
  host: string,
  user: string,
  ip: string,
  share: string,
  localPath: string,
): WinEvent {
  return {
    t,
    host,
    channel: 'security',
    id: 5140,
    data: {
      SubjectUserSid: `S-1-5-21-1111111111-2222222222-3333333333-${String(1100 + (hash(user) % 800))}`,
      SubjectUserName: user,
      SubjectDomainName: DEMO_DOMAIN.netbios,
      SubjectLogonId: '0x1a2b3c4',
      ObjectType: 'File',
      IpAddress: ip,
      IpPort: '49822',
      ShareName: `\\\\*\\${share}`,
      ShareLocalPath: localPath,
      AccessMask: '0x1',
      AccessList: '%%4416',
    },
  };
}

/** A service installed (System 7045). */
export function serviceInstalled(
  t: number,
  host: string,
  name: string,
  imagePath: string,
): WinEvent {
  return {
    t,
    host,
    channel: 'system',
    id: 7045,
    data: {
      ServiceName: name,
      ImagePath: imagePath,
      ServiceType: 'user mode service',
      StartType: 'demand start',
      AccountName: 'LocalSystem',
    },
  };
}

/** A service entering a state (System 7036). */
export function serviceState(t: number, host: string, name: string, state: string): WinEvent {
  return { t, host, channel: 'system', id: 7036, data: { param1: name, param2: state } };
}

/** A named pipe created (Sysmon 17). */
export function pipeCreated(t: number, host: string, pipe: string, image: string, r: Random) {
  const event: WinEvent = {
    t,
    host,
    channel: 'sysmon',
    id: 17,
    data: {
      RuleName: '-',
      EventType: 'CreatePipe',
      UtcTime: utcTime(t),
      ProcessGuid: r.guid(),
      ProcessId: r.int(1_000, 15_000),
      PipeName: pipe,
      Image: image,
      User: 'NT AUTHORITY\\SYSTEM',
    },
  };
  return event;
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
