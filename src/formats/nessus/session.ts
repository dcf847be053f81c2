/**
 * The state of one parse: drops the policy section, wires saxes events to host builders, enforces
 * the caps in `limits.ts` and queues what `parseNessusXml` yields. One file's worth of state;
 * nothing global.
 */
import { SaxesParser } from 'saxes';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { AmpersandRepair } from '../nmap/ampersands.js';
import { HostBuilder, type Place } from './host-builder.js';
import {
  MAX_ATTRIBUTES_PER_ELEMENT,
  MAX_DIAGNOSTICS,
  MAX_ELEMENT_DEPTH,
  MAX_HOSTS_PER_FILE,
  MAX_ITEMS_PER_HOST,
  MAX_TOKEN_CHARS,
} from './limits.js';
import { PolicySkipper } from './policy-skip.js';
import type { NessusDiagnosticCode, NessusParseItem } from './types.js';
import { type Attributes, optional } from './values.js';

const ROOT = 'NessusClientData_v2';
/** A DOCTYPE with an internal subset can declare entities; Nessus writes no DOCTYPE at all. */
const DOCTYPE_SUBSET = /\[|<!ENTITY/i;
const ELEMENT_START = /<[A-Za-z_:]/;

export class NessusSession {
  stopped = false;
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly queue: NessusParseItem[] = [];
  private readonly policy = new PolicySkipper();
  private readonly ampersands = new AmpersandRepair();
  private readonly stack: string[] = [];
  private readonly scan: { reportName: string | null } = { reportName: null };
  private fed = 0;
  private lastEventAt = 0;
  private attributeCount = 0;
  private seenRoot = false;
  private sawElement = false;
  private lastFed = '';
  private rootClosed = false;
  private ending = false;
  private host: { builder: HostBuilder; depth: number; at: Place } | null = null;
  private hosts = 0;
  private diagnostics = 0;

  constructor(private readonly source: string) {
    const p = this.parser;
    const tick = (): void => {
      this.lastEventAt = this.parser.position;
    };
    // Seven handlers at most: saxes stores each as a property added after construction, and an
    // eighth turns the parser into a dictionary-mode object that V8 reads about four times slower.
    p.on('doctype', (doctype) => {
      tick();
      if (DOCTYPE_SUBSET.test(doctype)) {
        this.diagnose(
          'WL_NESSUS_DTD_IGNORED',
          'warning',
          'The DOCTYPE declares a subset or entities; they are not loaded or expanded.',
        );
      }
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
      this.attributeCount = 0;
      this.onOpen(tag.name, tag.attributes);
    });
    p.on('closetag', (tag) => {
      tick();
      this.onClose(tag.name);
    });
    p.on('text', (text) => {
      tick();
      if (!this.stopped) this.host?.builder.addText(text);
    });
    p.on('cdata', (text) => {
      tick();
      if (!this.stopped) this.host?.builder.addText(text);
    });
    p.on('error', (error) => {
      this.onError(error.message);
    });
  }

  write(chunk: string): void {
    if (this.stopped) return;
    this.feed(this.ampersands.push(this.policy.push(chunk)));
  }

  /** Ends the input: reports a cut-short file, then queues the scan. */
  end(): void {
    if (!this.stopped) {
      this.feed(this.ampersands.push(this.policy.push('', true), true));
      this.ending = true;
      const { line } = this.parser;
      const offset = this.offset();
      this.parser.close();
      if (!this.seenRoot) {
        throw new WardlineError('WL_NESSUS_UNREADABLE', `The input has no <${ROOT}> element.`, {
          details: { source: this.source },
        });
      }
      if (!this.rootClosed) {
        const cut =
          this.host === null
            ? ''
            : ` The host from line ${this.host.at.line} is incomplete and skipped.`;
        const complete = this.hosts - (this.host === null ? 0 : 1);
        const message = `The file ends before </${ROOT}>; ${complete} complete hosts were read.${cut}`;
        this.diagnose('WL_NESSUS_TRUNCATED', 'error', message, line, offset);
      }
    }
    this.host = null;
    this.queue.push({ kind: 'scan', scan: { ...this.scan } });
  }

  *drain(): Generator<NessusParseItem> {
    while (this.queue.length > 0) yield this.queue.shift() as NessusParseItem;
  }

  private feed(text: string): void {
    if (this.stopped || text === '') return;
    // Checked before feeding: saxes holds an unfinished token whole.
    if (this.fed + text.length - this.lastEventAt > MAX_TOKEN_CHARS) {
      this.stop(`a tag, value, text or comment runs past ${MAX_TOKEN_CHARS} characters`);
      return;
    }
    this.fed += text.length;
    // From the first start tag on, errors are diagnostics, not "this is not XML".
    if (!this.sawElement) this.sawElement = ELEMENT_START.test(this.lastFed + text);
    this.lastFed = text.slice(-1);
    this.parser.write(text);
  }

  private onOpen(name: string, attrs: Attributes): void {
    if (this.stopped) return;
    if (!this.seenRoot) this.openRoot(name);
    this.stack.push(name);
    if (this.stack.length > MAX_ELEMENT_DEPTH) {
      this.stop(`elements nest more than ${MAX_ELEMENT_DEPTH} deep`);
      return;
    }
    const parent = this.stack.at(-2) ?? '';
    if (this.host !== null) this.host.builder.open(name, attrs, parent);
    else if (name === 'ReportHost' && parent === 'Report') this.openHost(attrs);
    else if (name === 'Report' && parent === ROOT) this.scan.reportName = optional(attrs, 'name');
  }

  private onClose(name: string): void {
    if (this.stopped || this.ending) return;
    this.stack.pop();
    if (this.host !== null) {
      if (this.stack.length >= this.host.depth) this.host.builder.close();
      else this.closeHost(this.host);
    }
    if (name === ROOT && this.stack.length === 0) this.rootClosed = true;
  }

  private onError(message: string): void {
    if (this.stopped || this.ending) return;
    const reason = message.replace(/^[^:]*:\d+:\d+: /, '');
    if (!this.sawElement) {
      throw new WardlineError('WL_NESSUS_UNREADABLE', `The input is not .nessus XML: ${reason}`, {
        details: { source: this.source },
      });
    }
    this.host?.builder.reject(`XML error: ${reason}`);
    this.diagnose('WL_NESSUS_XML_MALFORMED', 'error', `Malformed XML: ${reason}`);
  }

  private openRoot(name: string): void {
    this.seenRoot = true;
    if (name === ROOT) return;
    const hint =
      name === 'NessusClientData'
        ? ' The .nessus v1 format is not read; export as .nessus (v2).'
        : '';
    throw new WardlineError(
      'WL_NESSUS_UNREADABLE',
      `The root element is <${name}>, not <${ROOT}>.${hint}`,
      {
        details: { source: this.source },
      },
    );
  }

  private openHost(attrs: Attributes): void {
    this.hosts += 1;
    if (this.hosts > MAX_HOSTS_PER_FILE) {
      this.stop(`the file has more than ${MAX_HOSTS_PER_FILE} hosts`);
      return;
    }
    const sink = {
      here: (): Place => this.here(),
      itemInvalid: (at: Place, problems: readonly string[]): void => {
        const message = `The item from line ${at.line} is skipped: ${problems.join('; ')}.`;
        this.diagnose('WL_NESSUS_ITEM_INVALID', 'error', message, at.line, at.offset);
      },
    };
    this.host = {
      builder: new HostBuilder(attrs, sink),
      depth: this.stack.length,
      at: this.here(),
    };
  }

  private closeHost(host: { builder: HostBuilder; at: Place }): void {
    this.host = null;
    const outcome = host.builder.finish();
    const { line, offset } = host.at;
    if (!outcome.ok) {
      const message = `The host from line ${line} is skipped: ${outcome.problems.join('; ')}.`;
      this.diagnose('WL_NESSUS_HOST_INVALID', 'error', message, line, offset);
      return;
    }
    const who = `Host ${outcome.host.name} (line ${line})`;
    if (outcome.warnings.length > 0) {
      this.diagnose(
        'WL_NESSUS_VALUE_IGNORED',
        'warning',
        `${who}: ignored ${outcome.warnings.join('; ')}.`,
        line,
        offset,
      );
    }
    if (outcome.cut > 0) {
      const message = `${who}: ${outcome.cut} plugin outputs or fields were cut to their length caps.`;
      this.diagnose('WL_NESSUS_TEXT_TRUNCATED', 'warning', message, line, offset);
    }
    if (outcome.dropped > 0) {
      const message = `${who} has more than ${MAX_ITEMS_PER_HOST} items; ${outcome.dropped} later ones are dropped.`;
      this.diagnose('WL_NESSUS_LIMIT_EXCEEDED', 'error', message, line, offset);
    }
    this.queue.push({ kind: 'host', host: outcome.host });
  }

  /** Where saxes is, in characters of the input as given (the dropped policy counted back in). */
  private offset(): number {
    return this.parser.position + this.policy.skipped;
  }

  private here(): Place {
    return { line: this.parser.line, offset: this.offset() };
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.diagnose(
      'WL_NESSUS_LIMIT_EXCEEDED',
      'error',
      `Parsing stopped: ${reason}. Hosts before this point are kept.`,
    );
    this.stopped = true;
  }

  private diagnose(
    code: NessusDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    line = this.parser.line,
    offset = this.offset(),
  ): void {
    // A flood of reports is capped; the end-of-parse codes always get through.
    const always = code === 'WL_NESSUS_TRUNCATED' || code === 'WL_NESSUS_LIMIT_EXCEEDED';
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
