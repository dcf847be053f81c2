/**
 * Reads one report-level `<host>` block: its address, scan times and the host details GVM
 * collected (`<detail><name>…</name><value>…</value></detail>`). A detail value that does not read
 * (a malformed MAC, a port list with junk) is ignored with a warning; the block itself is lost only
 * for a well-formedness error or a cap.
 */
import { normalizeMac } from '../../domain/observation.js';
import {
  MAX_BLOCK_CHARS,
  MAX_DETAILS_PER_HOST,
  MAX_ELEMENTS_PER_BLOCK,
  MAX_FIELD_CHARS,
} from './limits.js';
import { PathStack } from './path-stack.js';
import { TextCapture } from './text-capture.js';
import type { OpenvasService, OpenvasTransport } from './types.js';
import { type Problems, clip, isoTime, trimmed } from './values.js';

/** What a host block says, before it is merged with the host's results. */
export interface HostBlock {
  readonly ip: string | null;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly hostnames: readonly string[];
  readonly mac: string | null;
  readonly osName: string | null;
  readonly osCpe: string | null;
  readonly services: readonly OpenvasService[];
  /** `App` CPEs in order, each with the locations its own detail gave. */
  readonly applications: ReadonlyMap<string, readonly string[]>;
  /** Characters of the values above, for the parser's memory cap. */
  readonly chars: number;
}

/** A host known only from its results. */
export const EMPTY_HOST_BLOCK: HostBlock = {
  ip: null,
  startTime: null,
  endTime: null,
  hostnames: [],
  mac: null,
  osName: null,
  osCpe: null,
  services: [],
  applications: new Map(),
  chars: 0,
};

export type HostBlockOutcome =
  | {
      readonly ok: true;
      readonly block: HostBlock;
      readonly warnings: readonly string[];
      /** A detail value or time was cut to `MAX_FIELD_CHARS`. */
      readonly cut: boolean;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

interface Detail {
  readonly name: string;
  readonly value: string;
}

const CAPTURED = new Set(['ip', 'start', 'end', 'detail/name', 'detail/value']);
/** A host name as resolvers give it; no spaces, no URL punctuation. */
const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
const CPE = /^cpe:(?:\/[aho]:|2\.3:[aho]:)\S+$/;
const SERVICE = /^(\d{1,5}),(tcp|udp),(.*)$/i;

export class HostBlockBuilder {
  private readonly problems: Problems = [];
  private readonly paths = new PathStack();
  private readonly capture = new TextCapture();
  private readonly fields = new Map<string, string>();
  private readonly details: Detail[] = [];
  private detailName: string | null = null;
  private detailValue: string | null = null;
  private elements = 0;
  private chars = 0;

  reject(reason: string): void {
    this.problems.push(reason);
  }

  open(name: string): void {
    const path = this.paths.push(name);
    this.elements += 1;
    if (this.elements === MAX_ELEMENTS_PER_BLOCK + 1) {
      this.problems.push(`more than ${MAX_ELEMENTS_PER_BLOCK} elements`);
    }
    if (this.problems.length > 0 || !CAPTURED.has(path)) return;
    this.capture.start(path, MAX_FIELD_CHARS);
  }

  addText(text: string): void {
    if (this.paths.depth <= 2) this.capture.add(this.paths.current, text);
  }

  close(): void {
    const path = this.paths.pop();
    const text = this.capture.take(path);
    if (path === 'detail/name') this.detailName = trimmed(text);
    else if (path === 'detail/value') this.detailValue = text?.trim() ?? '';
    else if (path === 'detail') this.closeDetail();
    else if (text !== null && !this.fields.has(path)) this.fields.set(path, text);
  }

  finish(): HostBlockOutcome {
    if (this.problems.length > 0) {
      return { ok: false, problems: [...new Set(this.problems)].slice(0, 10) };
    }
    const warnings: Problems = [];
    const block = readDetails(this.details, warnings);
    return {
      ok: true,
      block: {
        ...block,
        ip: trimmed(this.fields.get('ip') ?? null),
        startTime: isoTime(this.fields.get('start') ?? null, 'host start', warnings),
        endTime: isoTime(this.fields.get('end') ?? null, 'host end', warnings),
        chars: this.chars,
      },
      warnings,
      cut: [...CAPTURED].some((path) => this.capture.wasCut(path)),
    };
  }

  private closeDetail(): void {
    const name = this.detailName;
    const value = this.detailValue;
    this.detailName = null;
    this.detailValue = null;
    if (name === null || value === null || value === '') return;
    if (this.details.length >= MAX_DETAILS_PER_HOST) return;
    this.chars += name.length + value.length;
    if (this.chars > MAX_BLOCK_CHARS)
      this.problems.push(`more than ${MAX_BLOCK_CHARS} characters of details`);
    else this.details.push({ name, value });
  }
}

type DetailFacts = Omit<HostBlock, 'ip' | 'startTime' | 'endTime' | 'chars'>;

interface Draft {
  hostnames: Set<string>;
  mac: string | null;
  osName: string | null;
  osCpe: string | null;
  services: Map<string, OpenvasService>;
  applications: Map<string, string[]>;
  locations: Map<string, string[]>;
}

type DetailReader = (draft: Draft, value: string, warnings: Problems) => void;

const readHostname: DetailReader = (draft, value, warnings) => {
  if (!HOSTNAME.test(value)) warnings.push(`hostname "${clip(value)}" is not a host name`);
  else draft.hostnames.add(value);
};

const readPorts =
  (transport: OpenvasTransport): DetailReader =>
  (draft, value, warnings) => {
    for (const piece of value.split(',')) {
      const text = piece.trim();
      const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
      if (!(port <= 65535)) {
        if (text !== '') warnings.push(`port list entry "${clip(text)}" is not a port number`);
        continue;
      }
      const key = `${transport}/${port}`;
      if (!draft.services.has(key)) draft.services.set(key, { transport, port, name: null });
    }
  };

/** Details Wardline reads, by name; every other detail (traceroute, SSL info…) is ignored. */
const DETAIL_READERS: Readonly<Record<string, DetailReader | undefined>> = {
  hostname: readHostname,
  'DNS-via-TargetDefinition': readHostname,
  MAC: (draft, value, warnings) => {
    const mac = normalizeMac(value);
    if (mac === null) warnings.push(`MAC "${clip(value)}" is not a MAC address`);
    else draft.mac ??= mac;
  },
  best_os_txt: (draft, value) => {
    draft.osName ??= value;
  },
  best_os_cpe: (draft, value, warnings) => {
    if (CPE.test(value)) draft.osCpe ??= value;
    else warnings.push(`best_os_cpe "${clip(value)}" is not a CPE`);
  },
  App: (draft, value, warnings) => {
    if (!CPE.test(value)) warnings.push(`App "${clip(value)}" is not a CPE`);
    else if (!draft.applications.has(value)) draft.applications.set(value, []);
  },
  Services: (draft, value, warnings) => {
    const match = SERVICE.exec(value);
    const port = Number(match?.[1] ?? NaN);
    if (match === null || port > 65535) {
      warnings.push(`Services "${clip(value)}" is not "port,transport,name"`);
      return;
    }
    const transport = match[2]?.toLowerCase() === 'udp' ? 'udp' : 'tcp';
    const name = trimmed(match[3] ?? null);
    const existing = draft.services.get(`${transport}/${port}`);
    if ((existing?.name ?? null) === null) {
      draft.services.set(`${transport}/${port}`, { transport, port, name });
    }
  },
  ports: readPorts('tcp'),
  tcp_ports: readPorts('tcp'),
  udp_ports: readPorts('udp'),
};

function readDetails(details: readonly Detail[], warnings: Problems): DetailFacts {
  const draft: Draft = {
    hostnames: new Set(),
    mac: null,
    osName: null,
    osCpe: null,
    services: new Map(),
    applications: new Map(),
    locations: new Map(),
  };
  for (const { name, value } of details) {
    const reader = DETAIL_READERS[name];
    if (reader !== undefined) reader(draft, value, warnings);
    else if (CPE.test(name)) addLocation(draft.locations, name, value);
  }
  for (const [cpe, locations] of draft.applications) {
    locations.push(...new Set(draft.locations.get(cpe) ?? []));
  }
  return {
    hostnames: [...draft.hostnames],
    mac: draft.mac,
    osName: draft.osName,
    osCpe: draft.osCpe,
    services: [...draft.services.values()],
    applications: draft.applications,
  };
}

function addLocation(locations: Map<string, string[]>, cpe: string, location: string): void {
  const list = locations.get(cpe);
  if (list === undefined) locations.set(cpe, [location]);
  else list.push(location);
}
