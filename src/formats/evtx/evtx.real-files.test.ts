/**
 * Real .evtx files, read where they sit in the shared data folder (never copied here):
 * - the 21 SigmaHQ regression .evtx, against the evtx_dump JSON beside each (typed, exact);
 * - the 153 hayabusa sample .evtx, against the python-evtx JSON lines derived from 149 of them
 *   (untyped strings; compared after stringifying and the normalisations listed in `sameText`).
 * Facts asserted one by one were read from the files by hand.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EventData, LogEvent, LogReadItem } from '../../domain/detection.js';
import { parseEvtxRecordsFromBuffer, readEvtx } from './index.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const SAMPLES = join(DATA, 'evtx-samples');
const DERIVED = join(DATA, 'evtx-samples-jsonl');
const REGRESSION = join(DATA, 'sigmahq-sigma/regression_data');
const present = existsSync(SAMPLES) && existsSync(DERIVED) && existsSync(REGRESSION);
const title = present
  ? 'real .evtx files from ../shared/data'
  : 'real .evtx files: SKIPPED, ../shared/data/evtx-samples is absent in this clone';

function evtxFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() ?? root;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (name.endsWith('.evtx')) found.push(path);
    }
  }
  return found.sort();
}

function read(path: string): LogReadItem[] {
  return parseEvtxRecordsFromBuffer(readFileSync(path), { source: path });
}

function events(items: readonly LogReadItem[]): LogEvent[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

/** evtx_dump writes one pretty-printed JSON object after another. */
function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

type Json = EventData[string] | undefined;

/** Drops empty attributes and collapses `{#text}`-only objects (python-evtx keeps empty ones). */
function collapse(value: Json): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) out[key] = collapse(item);
  const attrs = out['#attributes'];
  if (typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs)) {
    const kept = Object.entries(attrs).filter(
      ([k, v]) => v !== '' && v !== null && !/xmlns/.test(k),
    );
    if (kept.length === 0) delete out['#attributes'];
    else out['#attributes'] = Object.fromEntries(kept);
  }
  const keys = Object.keys(out);
  if (keys.length === 0) return null;
  if (keys.length === 1 && keys[0] === '#text') return out['#text'];
  return out as EventData;
}

function lines(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}

function flatten(value: Json, path: string, out: Map<string, string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) flatten(item, `${path}.${key}`, out);
    return;
  }
  if (Array.isArray(value)) {
    out.set(
      path,
      value
        .map((v) => lines(String(v)))
        .filter(Boolean)
        .join(','),
    );
    return;
  }
  out.set(path, value === null || value === undefined ? '' : String(value));
}

const PY_TIME = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z?$/;

function micros(text: string): number | null {
  const m = PY_TIME.exec(text);
  if (!m) return null;
  return Date.parse(`${m[1] ?? ''}T${m[2] ?? ''}Z`) * 1000 + Number((m[3] ?? '').padEnd(6, '0'));
}

/**
 * The mismatch classes between evtx_dump's form (ours) and python-evtx's, made equal here:
 * time text and python's float rounding (±10 µs), GUID braces and case, hex zero padding,
 * Python's `True`/`False`, binary as base64, `<string>` markup for string arrays (python-evtx
 * also drops empty items), CRLF → LF and surrounding white space (the XML helper and
 * evtx_dump's trimming), `xmlns` attributes and empty attributes the helper writes or drops.
 */
function sameText(ours: string, theirs: string): boolean {
  const a = normalise(ours);
  const b = normalise(theirs);
  if (a === b) return true;
  const ta = micros(a);
  const tb = micros(b);
  return ta !== null && tb !== null && Math.abs(ta - tb) <= 10;
}

function normalise(text: string): string {
  const s = lines(text);
  const items = s.startsWith('<string>') ? s.match(/<string>[\s\S]*?<\/string>/g) : null;
  if (items)
    return items
      .map((x) => lines(x.slice(8, -9)))
      .filter(Boolean)
      .join(',');
  const guid = /^\{([0-9a-fA-F-]{36})\}$/.exec(s);
  if (guid) return (guid[1] ?? '').toUpperCase();
  if (/^0x[0-9a-fA-F]+$/.test(s)) return `0x${BigInt(s).toString(16)}`;
  if (s === 'True' || s === 'False') return s.toLowerCase();
  if (/^[A-Za-z0-9+/]{6,}={0,2}$/.test(s) && s.length % 4 === 0 && /[a-z]/.test(s)) {
    return Buffer.from(s, 'base64').toString('hex').toUpperCase();
  }
  return s;
}

function mismatches(ours: EventData, theirs: EventData): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(collapse(ours), '', a);
  flatten(collapse(theirs), '', b);
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (/xmlns|EventData\.#attributes/.test(key)) continue; // the helper drops these
    const x = a.get(key) ?? '';
    const y = b.get(key) ?? '';
    if (!sameText(x, y)) out.push(`${key}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  }
  return out;
}

describe.skipIf(!present)(title, () => {
  const samples = evtxFiles(SAMPLES);
  const regression = evtxFiles(REGRESSION);

  it('finds the 153 sample files and the 21 regression files', () => {
    expect(samples).toHaveLength(153);
    expect(regression).toHaveLength(21);
  });

  it('reads every file without a rejected record or chunk', () => {
    const rejected = [...samples, ...regression].flatMap((path) =>
      read(path).flatMap((item) => (item.kind === 'rejected' ? [item.diagnostic] : [])),
    );
    expect(rejected).toEqual([]);
  });

  it('matches the evtx_dump JSON beside each regression file exactly (typed)', () => {
    for (const path of regression) {
      const expected = splitJsonObjects(readFileSync(path.replace(/\.evtx$/, '.json'), 'utf8'));
      const got = events(read(path)).map((e) => e.data);
      expect({ path, records: got }).toEqual({ path, records: expected });
    }
  });

  it('matches the python-evtx JSON lines in record count and content (after normalising)', () => {
    let compared = 0;
    const problems: string[] = [];
    for (const path of samples) {
      const derived = join(DERIVED, relative(SAMPLES, path).replace(/\.evtx$/, '.jsonl'));
      if (!existsSync(derived)) continue;
      const theirs = readFileSync(derived, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as EventData);
      const ours = events(read(path)).map((e) => e.data);
      expect({ path, count: ours.length }).toEqual({ path, count: theirs.length });
      ours.forEach((data, i) => {
        const theirsData = theirs[i];
        if (theirsData)
          problems.push(...mismatches(data, theirsData).map((m) => `${path}#${String(i)} ${m}`));
        compared++;
      });
    }
    expect(problems).toEqual([]);
    expect(compared).toBe(1551);
  });

  it('a Sysmon process creation: typed System fields, time, host and position', async () => {
    const path = join(
      REGRESSION,
      'rules/windows/process_creation/proc_creation_win_wmic_recon_volume/c79da740-5030-45ec-a2e0-479e824a562c.evtx',
    );
    const items: LogReadItem[] = [];
    for await (const item of readEvtx(readFileSync(path), { source: 'wmic.evtx' }))
      items.push(item);
    const [event] = events(items);
    expect(event).toMatchObject({
      time: '2025-12-15T12:21:00.318Z',
      host: 'swachchhanda',
      shape: 'evtx-json',
      logsource: { product: 'windows' },
      origin: { source: 'wmic.evtx', position: 'chunk 0 record 1' },
      data: {
        Event: {
          System: {
            EventID: 1,
            Keywords: '0x8000000000000000',
            Provider: { '#attributes': { Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
            Security: { '#attributes': { UserID: 'S-1-5-18' } },
          },
          EventData: {
            ProcessId: 11620,
            LogonId: '0x7e2aa',
            Image: 'C:\\Windows\\System32\\wbem\\WMIC.exe',
          },
        },
      },
    });
  });

  it('UserData stays nested (Security log cleared, event 1102)', () => {
    const path = join(SAMPLES, 'DeepBlueCLI/disablestop-eventlog.evtx');
    const cleared = events(read(path)).find((e) =>
      JSON.stringify(e.data).includes('LogFileCleared'),
    );
    expect(cleared?.data).toMatchObject({
      Event: { UserData: { LogFileCleared: { SubjectUserName: expect.any(String) as string } } },
    });
  });
});
