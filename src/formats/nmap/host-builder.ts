/**
 * Builds one `NmapHost` from the SAX events between `<host>` and `</host>`. A host is all or
 * nothing: any problem (missing address, malformed attribute, a well-formedness error inside it)
 * makes `finish()` return the reasons instead of a record, and the parser moves on to the next host.
 */
import {
  type Attributes,
  type Problems,
  clip,
  epochToIso,
  integerIn,
  isAddress,
  oneOf,
  optional,
  required,
} from './attributes.js';
import { MAX_ELEMENTS_PER_HOST, MAX_HOST_CHARS } from './limits.js';
import {
  NMAP_ADDRESS_KINDS,
  NMAP_HOST_STATES,
  NMAP_HOSTNAME_KINDS,
  NMAP_PORT_PROTOCOLS,
  type NmapAddress,
  type NmapCertificate,
  type NmapHost,
  type NmapHostname,
  type NmapHostState,
  type NmapOsClass,
  type NmapOsMatch,
  type NmapPort,
  type NmapScript,
  type NmapService,
} from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

interface PortDraft extends Omit<Mutable<NmapPort>, 'state'> {
  state: string | null;
}
interface ScriptDraft {
  readonly id: string;
  readonly output: string;
  readonly tableKeys: string[];
  /** `table.key` paths to elem text; kept only for `ssl-cert`. */
  readonly fields: [string, string][];
}

export type HostOutcome =
  | { readonly ok: true; readonly host: NmapHost }
  | { readonly ok: false; readonly problems: readonly string[] };

export class HostBuilder {
  private readonly problems: Problems = [];
  /** Element names inside this host, innermost last. */
  private readonly stack: string[] = [];
  private elements = 0;
  private chars = 0;
  private status: NmapHostState | null = null;
  private statusReason: string | null = null;
  private readonly addresses: NmapAddress[] = [];
  private readonly hostnames: NmapHostname[] = [];
  private readonly ports: NmapPort[] = [];
  private readonly osMatches: NmapOsMatch[] = [];
  private readonly osClasses: NmapOsClass[] = [];
  private readonly scripts: NmapScript[] = [];
  private readonly startTime: string | null;
  private readonly endTime: string | null;
  private port: PortDraft | null = null;
  private service: Mutable<NmapService> | null = null;
  private osMatch: Mutable<NmapOsMatch> | null = null;
  private osClass: Mutable<NmapOsClass> | null = null;
  private script: ScriptDraft | null = null;
  /** Text of the `<cpe>` or `<elem>` being read, or `null` when no text is wanted. */
  private text: string | null = null;

  constructor(attrs: Attributes) {
    this.count(attrs);
    this.startTime = epochToIso(optional(attrs, 'starttime'), 'host starttime', this.problems);
    this.endTime = epochToIso(optional(attrs, 'endtime'), 'host endtime', this.problems);
  }

  /** Marks the host bad, e.g. for a well-formedness error inside it. */
  reject(reason: string): void {
    this.problems.push(reason);
  }

  open(name: string, attrs: Attributes): void {
    const parent = this.stack.at(-1) ?? 'host';
    this.stack.push(name);
    this.elements += 1;
    if (this.elements === MAX_ELEMENTS_PER_HOST + 1) {
      this.problems.push(`more than ${MAX_ELEMENTS_PER_HOST} elements`);
    }
    if (this.problems.length > 0) return;
    this.count(attrs);
    const handler = OPEN_HANDLERS[`${parent}>${name}`] ?? OPEN_HANDLERS[`*>${name}`];
    handler?.call(this, attrs);
  }

  addText(text: string): void {
    if (this.text === null || this.problems.length > 0) return;
    this.chars += text.length;
    if (this.chars > MAX_HOST_CHARS) {
      this.problems.push(`more than ${MAX_HOST_CHARS} characters of values`);
      return;
    }
    this.text += text;
  }

  close(): void {
    const name = this.stack.pop();
    if (name === undefined || this.problems.length > 0) return;
    const parent = this.stack.at(-1) ?? 'host';
    const handler = CLOSE_HANDLERS[`${parent}>${name}`] ?? CLOSE_HANDLERS[`*>${name}`];
    handler?.call(this);
  }

  finish(): HostOutcome {
    if (this.status === null && this.problems.length === 0) this.problems.push('no <status>');
    if (this.addresses.length === 0 && this.problems.length === 0) {
      this.problems.push('no <address>');
    }
    if (this.problems.length > 0 || this.status === null) {
      return { ok: false, problems: [...new Set(this.problems)].slice(0, 10) };
    }
    return {
      ok: true,
      host: {
        status: this.status,
        statusReason: this.statusReason,
        addresses: this.addresses,
        hostnames: this.hostnames,
        ports: this.ports,
        osMatches: this.osMatches,
        osClasses: this.osClasses,
        scripts: this.scripts,
        startTime: this.startTime,
        endTime: this.endTime,
      },
    };
  }

  private count(attrs: Attributes): void {
    for (const value of Object.values(attrs)) this.chars += value.length;
    if (this.chars > MAX_HOST_CHARS) {
      this.problems.push(`more than ${MAX_HOST_CHARS} characters of values`);
    }
  }

  private openStatus(attrs: Attributes): void {
    const state = required(attrs, 'status', 'state', this.problems);
    this.status = oneOf(state || null, NMAP_HOST_STATES, 'status state', this.problems);
    this.statusReason = optional(attrs, 'reason');
  }

  private openAddress(attrs: Attributes): void {
    const value = required(attrs, 'address', 'addr', this.problems);
    const kindText = optional(attrs, 'addrtype') ?? 'ipv4'; // the DTD's default
    const kind = oneOf(kindText, NMAP_ADDRESS_KINDS, 'address addrtype', this.problems);
    if (kind === null || value === '') return;
    if (!isAddress(kind, value)) {
      this.problems.push(`address "${clip(value)}" is not a valid ${kind} address`);
      return;
    }
    this.addresses.push({ kind, value, vendor: optional(attrs, 'vendor') });
  }

  private openHostname(attrs: Attributes): void {
    const name = required(attrs, 'hostname', 'name', this.problems);
    const type = optional(attrs, 'type');
    // Scripts may invent types ("custom"); a host is not wrong for it, the type is just unknown.
    const kind = NMAP_HOSTNAME_KINDS.find((known) => known === type) ?? null;
    if (name !== '') this.hostnames.push({ name, kind });
  }

  private openPort(attrs: Attributes): void {
    const protocolText = required(attrs, 'port', 'protocol', this.problems) || null;
    const protocol = oneOf(protocolText, NMAP_PORT_PROTOCOLS, 'port protocol', this.problems);
    const portText = required(attrs, 'port', 'portid', this.problems) || null;
    const port = integerIn(portText, 0, 65535, 'portid', this.problems);
    if (protocol === null || port === null) return;
    this.port = { protocol, port, state: null, reason: null, service: null, scripts: [] };
  }

  private openState(attrs: Attributes): void {
    if (this.port === null) return;
    this.port.state = required(attrs, 'state', 'state', this.problems) || null;
    this.port.reason = optional(attrs, 'reason');
  }

  private openService(attrs: Attributes): void {
    const tunnel = oneOf(optional(attrs, 'tunnel'), ['ssl'] as const, 'tunnel', this.problems);
    this.service = {
      name: required(attrs, 'service', 'name', this.problems),
      product: optional(attrs, 'product'),
      version: optional(attrs, 'version'),
      extraInfo: optional(attrs, 'extrainfo'),
      osType: optional(attrs, 'ostype'),
      tunnel,
      cpes: [],
    };
  }

  private openOsMatch(attrs: Attributes): void {
    const accuracy = optional(attrs, 'accuracy');
    this.osMatch = {
      name: required(attrs, 'osmatch', 'name', this.problems),
      accuracy: integerIn(accuracy, 0, 100, 'osmatch accuracy', this.problems),
      classes: [],
    };
  }

  private openOsClass(attrs: Attributes): void {
    const accuracy = optional(attrs, 'accuracy');
    this.osClass = {
      vendor: optional(attrs, 'vendor'),
      family: optional(attrs, 'osfamily'),
      generation: optional(attrs, 'osgen'),
      type: optional(attrs, 'type'),
      accuracy: integerIn(accuracy, 0, 100, 'osclass accuracy', this.problems),
      cpes: [],
    };
  }

  private openScript(attrs: Attributes): void {
    const id = required(attrs, 'script', 'id', this.problems);
    const output = attrs.output ?? '';
    this.script = { id, output, tableKeys: [], fields: [] };
  }

  private openTable(attrs: Attributes): void {
    this.script?.tableKeys.push(attrs.key ?? '');
  }

  private closeTable(): void {
    this.script?.tableKeys.pop();
  }

  private startText(): void {
    this.text = '';
  }

  private closeElem(): void {
    const text = this.text ?? '';
    this.text = null;
    const script = this.script;
    if (script?.id !== 'ssl-cert') return;
    script.fields.push([`${script.tableKeys.join('.')}.${this.elemKey}`, text]);
  }

  private elemKey = '';

  private openElem(attrs: Attributes): void {
    this.elemKey = attrs.key ?? '';
    this.startText();
  }

  private closeCpe(): void {
    const text = (this.text ?? '').trim();
    this.text = null;
    if (text === '') return;
    const target = this.stack.at(-1) === 'service' ? this.service : this.osClass;
    target?.cpes.push(text);
  }

  private closeService(): void {
    if (this.port !== null && this.service !== null) this.port.service = this.service;
    this.service = null;
  }

  private closePort(): void {
    const port = this.port;
    this.port = null;
    if (port === null) return;
    if (port.state === null) {
      this.problems.push(`port ${port.protocol}/${port.port} has no <state>`);
      return;
    }
    this.ports.push({ ...port, state: port.state });
  }

  private closeOsClass(): void {
    if (this.osClass === null) return;
    if (this.osMatch !== null) this.osMatch.classes.push(this.osClass);
    else this.osClasses.push(this.osClass);
    this.osClass = null;
  }

  private closeOsMatch(): void {
    if (this.osMatch !== null) this.osMatches.push(this.osMatch);
    this.osMatch = null;
  }

  private closeScript(): void {
    const draft = this.script;
    this.script = null;
    if (draft === null) return;
    const certificate = draft.id === 'ssl-cert' ? certificateOf(draft.fields) : null;
    const script: NmapScript = { id: draft.id, output: draft.output, certificate };
    if (this.port !== null) this.port.scripts.push(script);
    else this.scripts.push(script);
  }
}

function certificateOf(fields: readonly [string, string][]): NmapCertificate {
  const get = (path: string): string | null => fields.find(([p]) => p === path)?.[1] ?? null;
  const issuerFields = fields.filter(([path]) => path.startsWith('issuer.'));
  return {
    subjectCommonName: get('subject.commonName'),
    issuerCommonName: get('issuer.commonName'),
    issuer:
      issuerFields.length === 0
        ? null
        : issuerFields.map(([path, value]) => `${path.slice('issuer.'.length)}=${value}`).join('/'),
    notBefore: get('validity.notBefore'),
    notAfter: get('validity.notAfter'),
  };
}

type OpenHandler = (this: HostBuilder, attrs: Attributes) => void;
type CloseHandler = (this: HostBuilder) => void;

/* The builder's private methods, reached by `parent>child` element paths. Bracket access keeps the
   dispatch table in one place without making the methods public. */
const P = HostBuilder.prototype as unknown as Record<string, OpenHandler & CloseHandler>;
const OPEN_HANDLERS: Readonly<Record<string, OpenHandler | undefined>> = {
  'host>status': P['openStatus'],
  'host>address': P['openAddress'],
  'hostnames>hostname': P['openHostname'],
  'ports>port': P['openPort'],
  'port>state': P['openState'],
  'port>service': P['openService'],
  'service>cpe': P['startText'],
  'osclass>cpe': P['startText'],
  'os>osmatch': P['openOsMatch'],
  'osmatch>osclass': P['openOsClass'],
  'os>osclass': P['openOsClass'],
  'port>script': P['openScript'],
  'hostscript>script': P['openScript'],
  '*>table': P['openTable'],
  '*>elem': P['openElem'],
};
const CLOSE_HANDLERS: Readonly<Record<string, CloseHandler | undefined>> = {
  'service>cpe': P['closeCpe'],
  'osclass>cpe': P['closeCpe'],
  'port>service': P['closeService'],
  'ports>port': P['closePort'],
  'osmatch>osclass': P['closeOsClass'],
  'os>osclass': P['closeOsClass'],
  'os>osmatch': P['closeOsMatch'],
  'port>script': P['closeScript'],
  'hostscript>script': P['closeScript'],
  '*>table': P['closeTable'],
  '*>elem': P['closeElem'],
};
