/**
 * The state of one parse: wires saxes events to host builders, enforces the caps in `limits.ts`
 * and queues what `parseNmapXml` yields. One file's worth of state; nothing global.
 */
import { SaxesParser } from 'saxes';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { type Attributes, epochToIso, integerIn, optional } from './attributes.js';
import { AmpersandRepair } from './ampersands.js';
import { HostBuilder } from './host-builder.js';
import {
  MAX_ATTRIBUTES_PER_ELEMENT,
  MAX_DIAGNOSTICS,
  MAX_ELEMENT_DEPTH,
  MAX_HOSTS_PER_FILE,
  MAX_TOKEN_CHARS,
} from './limits.js';
import type { NmapDiagnosticCode, NmapParseItem, NmapRun } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY_RUN: NmapRun = {
  scanner: null,
  args: null,
  version: null,
  xmlOutputVersion: null,
  startTime: null,
  finishedTime: null,
  summary: null,
  exit: null,
  hostsUp: null,
  hostsDown: null,
  hostsTotal: null,
};

/** A DOCTYPE with an internal subset can declare entities; Nmap's own is a bare `nmaprun`. */
const DOCTYPE_SUBSET = /\[|<!ENTITY/i;

export class NmapSession {
  stopped = false;
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly queue: NmapParseItem[] = [];
  private readonly ampersands = new AmpersandRepair();
  private readonly stack: string[] = [];
  private readonly run: Mutable<NmapRun> = { ...EMPTY_RUN };
  /** Characters fed to saxes so far, and its position at its latest event. */
  private fed = 0;
  private lastEventAt = 0;
  private attributeCount = 0;
  private seenRoot = false;
  /** An element has begun; errors from here on are diagnostics, not "this is not XML". */
  private sawElement = false;
  private rootClosed = false;
  private ending = false;
  private host: HostBuilder | null = null;
  private hostDepth = 0;
  private hostLine = 0;
  private hostOffset = 0;
  private hosts = 0;
  private diagnostics = 0;

  constructor(private readonly source: string) {
    const p = this.parser;
    const tick = (): void => {
      this.lastEventAt = this.parser.position;
    };
    p.on('xmldecl', tick);
    p.on('comment', tick);
    p.on('processinginstruction', tick);
    p.on('doctype', (doctype) => {
      tick();
      if (DOCTYPE_SUBSET.test(doctype)) {
        this.diagnose(
          'WL_NMAP_DTD_IGNORED',
          'warning',
          'The DOCTYPE declares a subset or entities; they are not loaded or expanded.',
        );
      }
    });
    p.on('opentagstart', () => {
      tick();
      this.sawElement = true;
      this.attributeCount = 0;
    });
    p.on('attribute', () => {
      tick();
      this.attributeCount += 1;
      if (this.attributeCount > MAX_ATTRIBUTES_PER_ELEMENT) {
        this.stop(`an element has more than ${MAX_ATTRIBUTES_PER_ELEMENT} attributes`);
      }
    });
    p.on('opentag', (tag) => {
      tick();
      this.onOpen(tag.name, tag.attributes);
    });
    p.on('closetag', (tag) => {
      tick();
      this.onClose(tag.name);
    });
    p.on('text', (text) => {
      tick();
      if (!this.stopped) this.host?.addText(text);
    });
    p.on('cdata', (text) => {
      tick();
      if (!this.stopped) this.host?.addText(text);
    });
    p.on('error', (error) => {
      this.onError(error.message);
    });
  }

  write(chunk: string): void {
    if (this.stopped) return;
    this.feed(this.ampersands.push(chunk));
  }

  private feed(text: string): void {
    if (this.stopped || text === '') return;
    // Checked before feeding: saxes holds an unfinished token whole, so it must not get the slice
    // that would take one past the cap.
    if (this.fed + text.length - this.lastEventAt > MAX_TOKEN_CHARS) {
      this.stop(`a tag, value, text or comment runs past ${MAX_TOKEN_CHARS} characters`);
      return;
    }
    this.fed += text.length;
    this.parser.write(text);
  }

  /** Ends the input: reports a cut-short file, then queues the run. */
  end(): void {
    if (!this.stopped) {
      this.feed(this.ampersands.push('', true));
      this.ending = true;
      const { line, position } = this.parser;
      this.parser.close();
      if (!this.seenRoot) {
        throw new WardlineError('WL_NMAP_UNREADABLE', 'The input has no Nmap `nmaprun` element.', {
          details: { source: this.source },
        });
      }
      if (!this.rootClosed) {
        const cut =
          this.host === null
            ? ''
            : ` The host from line ${this.hostLine} is incomplete and skipped.`;
        this.diagnose(
          'WL_NMAP_TRUNCATED',
          'error',
          `The file ends before </nmaprun>; ${this.hosts - (this.host === null ? 0 : 1)} complete host elements were read.${cut}`,
          line,
          position,
        );
      }
    }
    this.host = null;
    this.queue.push({ kind: 'run', run: { ...this.run } });
  }

  *drain(): Generator<NmapParseItem> {
    while (this.queue.length > 0) yield this.queue.shift() as NmapParseItem;
  }

  private onOpen(name: string, attrs: Attributes): void {
    if (this.stopped) return;
    if (!this.seenRoot) this.openRoot(name, attrs);
    this.stack.push(name);
    if (this.stack.length > MAX_ELEMENT_DEPTH) {
      this.stop(`elements nest more than ${MAX_ELEMENT_DEPTH} deep`);
      return;
    }
    if (name === 'host') this.openHost(attrs);
    else if (this.host !== null) this.host.open(name, attrs);
    else if (this.stack.at(-2) === 'runstats') this.readRunstats(name, attrs);
  }

  private onClose(name: string): void {
    if (this.stopped || this.ending) return;
    this.stack.pop();
    if (this.host !== null) {
      if (this.stack.length >= this.hostDepth) this.host.close();
      else this.closeHost();
    }
    if (name === 'nmaprun' && this.stack.length === 0) this.rootClosed = true;
  }

  private onError(message: string): void {
    if (this.stopped || this.ending) return;
    const reason = message.replace(/^[^:]*:\d+:\d+: /, '');
    if (!this.sawElement) {
      throw new WardlineError('WL_NMAP_UNREADABLE', `The input is not Nmap XML: ${reason}`, {
        details: { source: this.source },
      });
    }
    this.host?.reject(`XML error: ${reason}`);
    this.diagnose('WL_NMAP_XML_MALFORMED', 'error', `Malformed XML: ${reason}`);
  }

  private openRoot(name: string, attrs: Attributes): void {
    this.seenRoot = true;
    if (name !== 'nmaprun') {
      throw new WardlineError(
        'WL_NMAP_UNREADABLE',
        `The root element is <${name}>, not <nmaprun>.`,
        {
          details: { source: this.source },
        },
      );
    }
    this.run.scanner = optional(attrs, 'scanner');
    this.run.args = optional(attrs, 'args');
    this.run.version = optional(attrs, 'version');
    this.run.xmlOutputVersion = optional(attrs, 'xmloutputversion');
    this.run.startTime = epochToIso(optional(attrs, 'start'), 'start', []);
  }

  private readRunstats(name: string, attrs: Attributes): void {
    if (name === 'finished') {
      this.run.finishedTime = epochToIso(optional(attrs, 'time'), 'time', []);
      this.run.summary = optional(attrs, 'summary');
      this.run.exit = optional(attrs, 'exit');
    } else if (name === 'hosts') {
      this.run.hostsUp = integerIn(optional(attrs, 'up'), 0, 2 ** 32, 'up', []);
      this.run.hostsDown = integerIn(optional(attrs, 'down'), 0, 2 ** 32, 'down', []);
      this.run.hostsTotal = integerIn(optional(attrs, 'total'), 0, 2 ** 32, 'total', []);
    }
  }

  private openHost(attrs: Attributes): void {
    if (this.host !== null) {
      this.diagnose(
        'WL_NMAP_HOST_INVALID',
        'error',
        `The host from line ${this.hostLine} is skipped: a <host> opens inside it.`,
        this.hostLine,
        this.hostOffset,
      );
    }
    this.hosts += 1;
    if (this.hosts > MAX_HOSTS_PER_FILE) {
      this.stop(`the file has more than ${MAX_HOSTS_PER_FILE} hosts`);
      return;
    }
    this.host = new HostBuilder(attrs);
    this.hostDepth = this.stack.length;
    this.hostLine = this.parser.line;
    this.hostOffset = this.parser.position;
  }

  private closeHost(): void {
    const outcome = this.host?.finish();
    this.host = null;
    if (outcome === undefined) return;
    if (outcome.ok) {
      this.queue.push({ kind: 'host', host: outcome.host });
      return;
    }
    const reasons = outcome.problems.join('; ');
    this.diagnose(
      'WL_NMAP_HOST_INVALID',
      'error',
      `The host from line ${this.hostLine} is skipped: ${reasons}.`,
      this.hostLine,
      this.hostOffset,
    );
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.diagnose(
      'WL_NMAP_LIMIT_EXCEEDED',
      'error',
      `Parsing stopped: ${reason}. Hosts before this point are kept.`,
    );
    this.stopped = true;
  }

  private diagnose(
    code: NmapDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    line = this.parser.line,
    offset = this.parser.position,
  ): void {
    // A flood of malformed-XML reports is capped; the end-of-parse codes always get through.
    const always = code === 'WL_NMAP_TRUNCATED' || code === 'WL_NMAP_LIMIT_EXCEEDED';
    if (!always) this.diagnostics += 1;
    if (this.diagnostics > MAX_DIAGNOSTICS + 1) return;
    const text =
      !always && this.diagnostics > MAX_DIAGNOSTICS
        ? `More than ${MAX_DIAGNOSTICS} diagnostics; the rest are not reported.`
        : message;
    const diagnostic = { source: this.source, line, offset, code, severity, message: text };
    this.queue.push({ kind: 'diagnostic', diagnostic });
  }
}
