/**
 * Builds one `NessusHost` from the SAX events between `<ReportHost>` and `</ReportHost>`: the host
 * tags under `HostProperties`, and one finding per `ReportItem`. A bad item costs only itself; a
 * host tag that does not read is ignored with a warning; the host is lost only for a missing name,
 * a well-formedness error inside it, or a cap.
 */
import { normalizeMac } from '../../domain/observation.js';
import { ItemBuilder, type ItemDraft, listsSoftware } from './item-builder.js';
import {
  MAX_ELEMENTS_PER_HOST,
  MAX_FIELD_CHARS,
  MAX_HOST_OUTPUT_CHARS,
  MAX_ITEMS_PER_HOST,
  MAX_PLUGIN_OUTPUT_CHARS,
  MAX_SOFTWARE_PER_HOST,
} from './limits.js';
import { readSoftware } from './software.js';
import type {
  NessusCpe,
  NessusFinding,
  NessusHost,
  NessusHostname,
  NessusHostnameSource,
  NessusService,
  NessusSoftware,
} from './types.js';
import {
  type Attributes,
  type Problems,
  clip,
  cut,
  hostTime,
  hostnameIn,
  isIpAddress,
  optional,
  own,
  trimmed,
} from './values.js';

/** Where an element started, for its diagnostics. */
export interface Place {
  readonly line: number;
  readonly offset: number;
}

/** How the builder reports a bad item at once, with the line the item started on. */
export interface ItemSink {
  here(): Place;
  itemInvalid(at: Place, problems: readonly string[]): void;
}

export type HostOutcome =
  | {
      readonly ok: true;
      readonly host: NessusHost;
      /** Host tags and outputs ignored, as reasons. */
      readonly warnings: readonly string[];
      /** How many outputs or fields were cut or dropped. */
      readonly cut: number;
      /** Items past `MAX_ITEMS_PER_HOST`. */
      readonly dropped: number;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Host tags read, by name; `cpe-0`, `cpe-1`… are matched apart. */
const TAGS = new Set([
  'host-ip',
  'host-fqdn',
  'host-rdns',
  'hostname',
  'netbios-name',
  'mac-address',
  'operating-system',
  'os',
  'system-type',
  'cpe',
  'HOST_START',
  'HOST_END',
  'HOST_START_TIMESTAMP',
  'HOST_END_TIMESTAMP',
]);
const CPE_N = /^cpe-(\d{1,4})$/;
const HOSTNAME_TAGS: readonly (readonly [string, NessusHostnameSource])[] = [
  ['host-fqdn', 'fqdn'],
  ['host-rdns', 'rdns'],
  ['hostname', 'hostname'],
  ['netbios-name', 'netbios'],
];

export class HostBuilder {
  private readonly problems: Problems = [];
  private readonly warnings: Problems = [];
  private readonly name: string | null;
  private readonly tags = new Map<string, string>();
  private readonly findings: NessusFinding[] = [];
  private readonly software: NessusSoftware[] = [];
  private readonly services = new Map<string, NessusService>();
  private depth = 0;
  private elements = 0;
  private tag: { name: string; text: string; cut: boolean } | null = null;
  private item: { builder: ItemBuilder; at: Place } | null = null;
  private outputChars = 0;
  private cutCount = 0;
  private dropped = 0;

  constructor(
    attrs: Attributes,
    private readonly sink: ItemSink,
  ) {
    const name = optional(attrs, 'name');
    this.name = name === null ? null : own(name);
  }

  reject(reason: string): void {
    if (this.item !== null) this.item.builder.reject(reason);
    else this.problems.push(reason);
  }

  open(name: string, attrs: Attributes, parent: string): void {
    this.depth += 1;
    this.elements += 1;
    if (this.elements === MAX_ELEMENTS_PER_HOST + 1) {
      this.problems.push(`more than ${MAX_ELEMENTS_PER_HOST} elements`);
    }
    if (this.problems.length > 0) return;
    if (this.item !== null) this.item.builder.open(name);
    else if (this.depth === 1 && name === 'ReportItem') this.openItem(attrs);
    else if (this.depth === 2 && name === 'tag' && parent === 'HostProperties') {
      const tagName = attrs.name ?? '';
      if (TAGS.has(tagName) || CPE_N.test(tagName))
        this.tag = { name: tagName, text: '', cut: false };
    }
  }

  addText(text: string): void {
    if (this.item !== null) this.item.builder.addText(text);
    else if (this.tag !== null && this.depth === 2) {
      const joined = this.tag.text + text;
      if (joined.length > MAX_FIELD_CHARS && !this.tag.cut) this.cutCount += 1;
      this.tag.cut ||= joined.length > MAX_FIELD_CHARS;
      this.tag.text = cut(joined, MAX_FIELD_CHARS);
    }
  }

  close(): void {
    this.depth -= 1;
    if (this.item !== null) {
      if (this.depth >= 1) this.item.builder.close();
      else this.closeItem(this.item);
    } else if (this.tag !== null && this.depth === 1) {
      if (!this.tags.has(this.tag.name)) this.tags.set(this.tag.name, own(this.tag.text));
      this.tag = null;
    }
  }

  finish(): HostOutcome {
    if (this.name === null) this.problems.push('no name');
    if (this.problems.length > 0 || this.name === null) {
      return { ok: false, problems: [...new Set(this.problems)].slice(0, 10) };
    }
    const host: NessusHost = {
      name: this.name,
      addresses: this.addresses(this.name),
      hostnames: this.hostnames(this.name),
      macs: this.macs(),
      operatingSystems: lines(this.tags.get('operating-system')),
      osFamily: trimmed(this.tags.get('os')),
      systemType: trimmed(this.tags.get('system-type')),
      cpes: this.cpes(),
      startTime: this.time('HOST_START'),
      endTime: this.time('HOST_END'),
      services: [...this.services.values()],
      software: this.software,
      findings: this.findings,
    };
    const warnings = [...new Set(this.warnings)].slice(0, 10);
    return { ok: true, host, warnings, cut: this.cutCount, dropped: this.dropped };
  }

  private openItem(attrs: Attributes): void {
    if (this.findings.length >= MAX_ITEMS_PER_HOST) {
      this.dropped += 1;
      // Its events still arrive; an item builder that is never finished soaks them up.
    }
    this.item = { builder: new ItemBuilder(attrs), at: this.sink.here() };
  }

  private closeItem(item: { builder: ItemBuilder; at: Place }): void {
    this.item = null;
    if (this.findings.length >= MAX_ITEMS_PER_HOST) return;
    const outcome = item.builder.finish();
    if (!outcome.ok) {
      this.sink.itemInvalid(item.at, outcome.problems);
      return;
    }
    this.cutCount += outcome.cut.length;
    this.addFinding(outcome.item);
  }

  private addFinding(draft: ItemDraft): void {
    const { fullOutput, fullOutputCut, ...rest } = draft;
    if (fullOutput !== null && listsSoftware(draft.pluginId)) {
      this.readSoftware(draft.pluginId, fullOutput);
    }
    const { output, outputTruncated } = this.fitOutput(fullOutput, fullOutputCut);
    this.findings.push({ ...rest, output, outputTruncated });
    this.addService(draft);
  }

  /** The output cut to its cap, or dropped when the host's outputs have passed theirs. */
  private fitOutput(
    full: string | null,
    alreadyCut: boolean,
  ): Pick<NessusFinding, 'output' | 'outputTruncated'> {
    if (full === null) return { output: null, outputTruncated: alreadyCut };
    const output = cut(full, MAX_PLUGIN_OUTPUT_CHARS);
    const fits = this.outputChars + output.length <= MAX_HOST_OUTPUT_CHARS;
    const outputTruncated = alreadyCut || output.length < full.length || !fits;
    if (outputTruncated) this.cutCount += 1;
    if (!fits) return { output: null, outputTruncated };
    this.outputChars += output.length;
    return { output, outputTruncated };
  }

  private addService({ port, protocol, serviceName }: ItemDraft): void {
    if (port === 0 || serviceName === null || serviceName === 'general') return;
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') return;
    const key = `${protocol}/${port}`;
    if (!this.services.has(key)) {
      this.services.set(key, { transport: protocol, port, name: serviceName });
    }
  }

  private readSoftware(pluginId: number, output: string): void {
    const room = MAX_SOFTWARE_PER_HOST - this.software.length;
    const reading = readSoftware(pluginId, output, room);
    if (!reading.recognized) {
      this.warnings.push(
        `plugin ${pluginId} output is not in a shape Wardline reads; no software taken`,
      );
    }
    this.software.push(...reading.software);
  }

  private addresses(name: string): string[] {
    const addresses: string[] = [];
    const ip = trimmed(this.tags.get('host-ip'));
    if (ip !== null && isIpAddress(ip)) addresses.push(ip);
    else if (ip !== null) this.warnings.push(`host-ip "${clip(ip)}" is not an IP address`);
    if (isIpAddress(name) && !addresses.includes(name)) addresses.push(name);
    return addresses;
  }

  private hostnames(name: string): NessusHostname[] {
    const found: NessusHostname[] = [];
    const seen = new Set<string>();
    const add = (text: string | null, source: NessusHostnameSource, tag: string): void => {
      if (text === null) return;
      const host = hostnameIn(text);
      if (host === null) {
        this.warnings.push(`${tag} "${clip(text)}" is not a host name`);
      } else if (!seen.has(host.toLowerCase())) {
        seen.add(host.toLowerCase());
        found.push({ name: host, source });
      }
    };
    for (const [tag, source] of HOSTNAME_TAGS) add(trimmed(this.tags.get(tag)), source, tag);
    if (!isIpAddress(name)) add(name, 'report-name', 'ReportHost name');
    return found;
  }

  private macs(): string[] {
    const macs: string[] = [];
    for (const text of lines(this.tags.get('mac-address')).flatMap((l) => l.split(/\s+/))) {
      const mac = normalizeMac(text);
      if (mac === null) this.warnings.push(`mac-address "${clip(text)}" is not a MAC address`);
      else if (!macs.includes(mac)) macs.push(mac);
    }
    return macs;
  }

  private cpes(): NessusCpe[] {
    const numbered = [...this.tags.keys()]
      .map((name) => ({ name, n: Number(CPE_N.exec(name)?.[1] ?? NaN) }))
      .filter(({ n }) => !Number.isNaN(n))
      .sort((a, b) => a.n - b.n)
      .map(({ name }) => this.tags.get(name) ?? '');
    const cpes = new Map<string, NessusCpe>();
    for (const text of [...numbered, ...lines(this.tags.get('cpe'))]) {
      const [cpeText = '', title] = text.split(' -> ', 2);
      const cpe = cpeText.trim();
      if (!cpe.startsWith('cpe:')) {
        if (text.trim() !== '') this.warnings.push(`cpe "${clip(text)}" is not a CPE`);
        continue;
      }
      const known = cpes.get(cpe);
      if (known === undefined || known.title === null)
        cpes.set(cpe, { cpe, title: trimmed(title) });
    }
    return [...cpes.values()];
  }

  private time(tag: 'HOST_START' | 'HOST_END'): string | null {
    const stamp = this.tags.get(`${tag}_TIMESTAMP`);
    return hostTime(
      stamp ?? this.tags.get(tag) ?? null,
      stamp === undefined ? tag : `${tag}_TIMESTAMP`,
      this.warnings,
    );
  }
}

/** Non-empty trimmed lines of a tag's text. */
function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
