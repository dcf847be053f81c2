/**
 * Software lists from the two Nessus plugins that enumerate installed software. Their outputs are
 * free text meant for people; only the shapes below are read, line by line with linear-time
 * patterns, and anything else is left out rather than guessed at.
 *
 * - 20811 "Microsoft Windows Installed Software Enumeration (credentialed check)":
 *   `The following software are installed on the remote host :` then one program a line,
 *   `Google Chrome  [version 119.0.6045.160]  [installed on 2023/11/20]`, until
 *   `The following updates are installed :` (KB numbers, not read).
 * - 22869 "Software Enumeration (SSH)": `Here is the list of packages installed on the remote
 *   <OS> system :` then dpkg lines (`ii  openssl  1.1.1f-1ubuntu2  amd64  Secure Sockets…`) or
 *   RPM lines (`openssl-1.0.2k-19.el7|(none)` with an optional install date after the bar).
 *   Other package managers' listings (macOS, Solaris, AIX…) are not read.
 */
import type { NessusSoftware } from './types.js';

export interface SoftwareReading {
  readonly software: readonly NessusSoftware[];
  /** False when the output does not start the way the plugin's output does. */
  readonly recognized: boolean;
}

const WINDOWS_HEADER = /the following software (?:are|is) installed on the remote host\s*:/i;
const WINDOWS_UPDATES = /^the following updates (?:are|were) installed/i;
const PACKAGES_HEADER = /here is the list of packages installed on the remote .{1,80}? system\s*:/i;
const DPKG_LINE = /^(?:ii|hi|iU|iF|rc)\s+(\S+)\s+(\S+)/;
/** Longer lines are not software entries; skipping them keeps every pattern cheap. */
const MAX_LINE_CHARS = 1024;
/** `name-version-release`, the version starting with a digit, then `|…` or the end of the line. */
const RPM_LINE = /^([A-Za-z0-9_+.][\w+.-]*?)-(\d[^\s|-]*-[^\s|-]+)(?:\|.*)?$/;

/** Reads the software list from the output of plugin 20811 or 22869, at most `max` entries. */
export function readSoftware(pluginId: number, output: string, max: number): SoftwareReading {
  if (pluginId === 20811) return windowsSoftware(output, max);
  return packageSoftware(output, max);
}

function windowsSoftware(output: string, max: number): SoftwareReading {
  const header = WINDOWS_HEADER.exec(output);
  if (header === null) return { software: [], recognized: false };
  const software: NessusSoftware[] = [];
  for (const raw of output.slice(header.index + header[0].length).split('\n')) {
    const line = raw.trim();
    if (WINDOWS_UPDATES.test(line) || software.length >= max) break;
    if (line === '' || line.length > MAX_LINE_CHARS) continue;
    software.push(windowsEntry(line));
  }
  return { software, recognized: true };
}

/** `Name  [version 1.2]  [installed on 2021/03/02]`, read from the end, both brackets optional. */
function windowsEntry(line: string): NessusSoftware {
  let rest = line;
  const bracket = (label: string): string | null => {
    const at = rest.lastIndexOf(`[${label} `);
    if (at <= 0 || !rest.endsWith(']')) return null;
    const value = rest.slice(at + label.length + 2, -1);
    rest = rest.slice(0, at).trimEnd();
    return emptyToNull(value);
  };
  const installedOn = bracket('installed on');
  const version = bracket('version');
  return { name: rest, version, installedOn, pluginId: 20811 };
}

function packageSoftware(output: string, max: number): SoftwareReading {
  const header = PACKAGES_HEADER.exec(output);
  if (header === null) return { software: [], recognized: false };
  const software: NessusSoftware[] = [];
  for (const raw of output.slice(header.index + header[0].length).split('\n')) {
    if (software.length >= max) break;
    const line = raw.trim();
    if (line.length > MAX_LINE_CHARS) continue;
    const match = DPKG_LINE.exec(line) ?? RPM_LINE.exec(line);
    if (match === null) continue;
    const [, name = '', version] = match;
    software.push({ name, version: emptyToNull(version), installedOn: null, pluginId: 22869 });
  }
  return { software, recognized: true };
}

function emptyToNull(text: string | undefined): string | null {
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
}
