/**
 * The state of one parse: wires saxes events to the result and host-block builders, gathers them
 * in the host table, enforces the caps in `limits.ts` and queues what `parseOpenvasXml` yields.
 * One file's worth of state; nothing global.
 */
import { SaxesParser } from 'saxes';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { AmpersandRepair } from '../nmap/ampersands.js';
import { HostBlockBuilder } from './host-block.js';
import { type HostPlace, HostTable } from './host-table.js';
import {
  MAX_ATTRIBUTES_PER_ELEMENT,
  MAX_DIAGNOSTICS,
  MAX_ELEMENT_DEPTH,
  MAX_FIELD_CHARS,
  MAX_HELD_CHARS,
  MAX_HOSTS_PER_FILE,
  MAX_RESULTS_PER_HOST,
  MAX_TOKEN_CHARS,
} from './limits.js';
import { PathStack } from './path-stack.js';
import { ResultBuilder } from './result-builder.js';
import { TextCapture } from './text-capture.js';
import type { OpenvasDiagnosticCode, OpenvasParseItem, OpenvasScan } from './types.js';
import { type Attributes, isoTime, optional, trimmed } from './values.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Root elements GVM writes: a saved report, or the `get_reports` response around one. */
const ROOTS = ['report', 'get_reports_response'];
/** A DOCTYPE with an internal subset can declare entities; GVM writes no DOCTYPE at all. */
const DOCTYPE_SUBSET = /\[|<!ENTITY/i;
const ELEMENT_START = /<[A-Za-z_:]/;
/** Report-level elements whose text becomes `OpenvasScan`, by their last three path steps. */
const SCAN_FIELDS: Readonly<Record<string, keyof OpenvasScan | undefined>> = {
  'report/gmp/version': 'gmpVersion',
  'report/omp/version': 'gmpVersion',
  'report/task/name': 'taskName',
  'report/scan_run_status': 'scanRunStatus',
  'report/scan_start': 'startTime',
  'report/scan_end': 'endTime',
};

interface Block<B> {
  readonly builder: B;
  readonly depth: number;
  readonly at: HostPlace;
}

export class OpenvasSession {
  stopped = false;
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly queue: OpenvasParseItem[] = [];
  private readonly ampersands = new AmpersandRepair();
  /** Names of the open elements, innermost last, and their paths. */
  private readonly stack: string[] = [];
  private readonly paths = new PathStack();
  private readonly table = new HostTable();
  private readonly scanText = new TextCapture();
  private readonly scan: Mutable<OpenvasScan> = {
    reportId: null,
    gmpVersion: null,
    taskName: null,
    scanRunStatus: null,
    startTime: null,
    endTime: null,
  };
  private fed = 0;
  private lastEventAt = 0;
  private attributeCount = 0;
  private seenRoot = false;
  private sawElement = false;
  private lastFed = '';
  private rootClosed = false;
  private ending = false;
  private result: Block<ResultBuilder> | null = null;
  private block: Block<HostBlockBuilder> | null = null;
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
          'WL_OPENVAS_DTD_IGNORED',
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
      this.onText(text);
    });
    p.on('cdata', (text) => {
      tick();
      this.onText(text);
    });
    p.on('error', (error) => {
      this.onError(error.message);
    });
  }

  write(chunk: string): void {
    if (this.stopped) return;
    this.feed(this.ampersands.push(chunk));
  }

  /** Ends the input: reports a cut-short file, emits the hosts gathered, then the scan. */
  end(): void {
    if (!this.stopped) {
      this.feed(this.ampersands.push('', true));
      this.ending = true;
      const { line, position } = this.parser;
      this.parser.close();
      if (!this.seenRoot) {
        throw new WardlineError('WL_OPENVAS_UNREADABLE', 'The input has no GMP `report` element.', {
          details: { source: this.source },
        });
      }
      if (!this.rootClosed) {
        const open = this.result ?? this.block;
        const cut =
          open === null ? '' : ` The element from line ${open.at.line} is incomplete and skipped.`;
        this.diagnose(
          'WL_OPENVAS_TRUNCATED',
          'error',
          `The file ends before the report closes; hosts read so far are kept.${cut}`,
          line,
          position,
        );
      }
    }
    this.result = null;
    this.block = null;
    this.flushHosts();
    this.queue.push({ kind: 'scan', scan: { ...this.scan } });
  }

  *drain(): Generator<OpenvasParseItem> {
    while (this.queue.length > 0) yield this.queue.shift() as OpenvasParseItem;
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
    this.paths.push(name);
    if (this.stack.length > MAX_ELEMENT_DEPTH) {
      this.stop(`elements nest more than ${MAX_ELEMENT_DEPTH} deep`);
      return;
    }
    if (this.result !== null) this.result.builder.open(name, attrs);
    else if (this.block !== null) this.block.builder.open(name);
    else this.openReportLevel(name, attrs);
  }

  private openReportLevel(name: string, attrs: Attributes): void {
    const parent = this.stack.at(-2);
    if (name === 'result' && parent === 'results') {
      this.result = {
        builder: new ResultBuilder(attrs),
        depth: this.stack.length,
        at: this.here(),
      };
    } else if (name === 'host' && parent === 'report') {
      this.block = { builder: new HostBlockBuilder(), depth: this.stack.length, at: this.here() };
    } else if (name === 'report') {
      this.openReport(attrs);
    } else if (
      SCAN_FIELDS[this.stack.slice(-3).join('/')] ??
      SCAN_FIELDS[this.stack.slice(-2).join('/')]
    ) {
      this.scanText.start(this.paths.current, MAX_FIELD_CHARS);
    }
  }

  private openRoot(name: string): void {
    this.seenRoot = true;
    if (!ROOTS.includes(name)) {
      throw new WardlineError(
        'WL_OPENVAS_UNREADABLE',
        `The root element is <${name}>, not a GMP <report>.`,
        { details: { source: this.source } },
      );
    }
  }

  private openReport(attrs: Attributes): void {
    const type = optional(attrs, 'content_type');
    if (type !== null && type !== 'text/xml') {
      // A PDF, CSV or TXT export arrives base64-encoded inside the same envelope.
      throw new WardlineError(
        'WL_OPENVAS_UNREADABLE',
        `The report is a ${type} export; export it with GVM's XML report format.`,
        { details: { source: this.source } },
      );
    }
    this.scan.reportId = optional(attrs, 'id') ?? this.scan.reportId;
  }

  private onText(text: string): void {
    if (this.stopped) return;
    if (this.result !== null) this.result.builder.addText(text);
    else if (this.block !== null) this.block.builder.addText(text);
    else this.scanText.add(this.paths.current, text);
  }

  private onClose(name: string): void {
    if (this.stopped || this.ending) return;
    const path = this.paths.pop();
    this.stack.pop();
    if (this.result !== null) {
      if (this.stack.length >= this.result.depth) this.result.builder.close();
      else this.closeResult(this.result);
    } else if (this.block !== null) {
      if (this.stack.length >= this.block.depth) this.block.builder.close();
      else this.closeBlock(this.block);
    } else {
      this.closeReportLevel(path, name);
    }
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private closeReportLevel(path: string, name: string): void {
    const text = this.scanText.take(path);
    const steps = path.split('/');
    const field = SCAN_FIELDS[steps.slice(-3).join('/')] ?? SCAN_FIELDS[steps.slice(-2).join('/')];
    if (text !== null && field !== undefined) this.setScanField(field, text);
    if (name === 'report') this.flushHosts();
  }

  private setScanField(field: keyof OpenvasScan, text: string): void {
    if (field === 'startTime' || field === 'endTime') {
      const problems: string[] = [];
      this.scan[field] = isoTime(text, field === 'startTime' ? 'scan_start' : 'scan_end', problems);
      if (problems.length > 0) {
        this.diagnose('WL_OPENVAS_VALUE_IGNORED', 'warning', `Ignored: ${problems.join('; ')}.`);
      }
    } else {
      this.scan[field] = trimmed(text);
    }
  }

  private closeResult(result: Block<ResultBuilder>): void {
    this.result = null;
    const outcome = result.builder.finish();
    const { line, offset } = result.at;
    if (!outcome.ok) {
      const reasons = outcome.problems.join('; ');
      const message = `The result from line ${line} is skipped: ${reasons}.`;
      this.diagnose('WL_OPENVAS_RESULT_INVALID', 'error', message, line, offset);
      return;
    }
    if (outcome.cut.length > 0) {
      const message = `The result from line ${line}: ${outcome.cut.join(', ')} cut to the length cap.`;
      this.diagnose('WL_OPENVAS_TEXT_TRUNCATED', 'warning', message, line, offset);
    }
    const added = this.table.addResult(
      outcome.hostKey,
      outcome.hostname,
      outcome.finding,
      result.at,
    );
    this.checkTable(added);
  }

  private closeBlock(block: Block<HostBlockBuilder>): void {
    this.block = null;
    const outcome = block.builder.finish();
    const { line, offset } = block.at;
    if (!outcome.ok) {
      const message = `The host block from line ${line} is skipped: ${outcome.problems.join('; ')}.`;
      this.diagnose('WL_OPENVAS_HOST_INVALID', 'error', message, line, offset);
      return;
    }
    if (outcome.cut) {
      const message = `The host block from line ${line}: a detail value was cut to ${MAX_FIELD_CHARS} characters.`;
      this.diagnose('WL_OPENVAS_TEXT_TRUNCATED', 'warning', message, line, offset);
    }
    if (outcome.warnings.length > 0) {
      const reasons = [...new Set(outcome.warnings)].slice(0, 10).join('; ');
      const message = `The host block from line ${line}: ignored ${reasons}.`;
      this.diagnose('WL_OPENVAS_VALUE_IGNORED', 'warning', message, line, offset);
    }
    this.checkTable(this.table.addBlock(outcome.block, block.at));
  }

  private checkTable(added: 'kept' | 'dropped' | 'full'): void {
    if (added === 'full') this.stop(`the file has more than ${MAX_HOSTS_PER_FILE} hosts`);
    else if (this.table.held > MAX_HELD_CHARS) {
      this.stop(`the hosts hold more than ${MAX_HELD_CHARS} characters of values`);
    }
  }

  private flushHosts(): void {
    for (const outcome of this.table.drain()) {
      const { line, offset } = outcome.at;
      if (!outcome.ok) {
        const message = `The host first seen on line ${line} is skipped: ${outcome.problem}.`;
        this.diagnose('WL_OPENVAS_HOST_INVALID', 'error', message, line, offset);
        continue;
      }
      if (outcome.dropped > 0) {
        const message = `Host ${outcome.host.ip} has more than ${MAX_RESULTS_PER_HOST} results; ${outcome.dropped} later ones are dropped.`;
        this.diagnose('WL_OPENVAS_LIMIT_EXCEEDED', 'error', message, line, offset);
      }
      this.queue.push({ kind: 'host', host: outcome.host });
    }
  }

  private onError(message: string): void {
    if (this.stopped || this.ending) return;
    const reason = message.replace(/^[^:]*:\d+:\d+: /, '');
    if (!this.sawElement) {
      throw new WardlineError(
        'WL_OPENVAS_UNREADABLE',
        `The input is not GMP report XML: ${reason}`,
        {
          details: { source: this.source },
        },
      );
    }
    (this.result ?? this.block)?.builder.reject(`XML error: ${reason}`);
    this.diagnose('WL_OPENVAS_XML_MALFORMED', 'error', `Malformed XML: ${reason}`);
  }

  private here(): HostPlace {
    return { line: this.parser.line, offset: this.parser.position };
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.diagnose(
      'WL_OPENVAS_LIMIT_EXCEEDED',
      'error',
      `Parsing stopped: ${reason}. Hosts read before this point are kept.`,
    );
    this.stopped = true;
  }

  private diagnose(
    code: OpenvasDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    line = this.parser.line,
    offset = this.parser.position,
  ): void {
    // A flood of reports is capped; the end-of-parse codes always get through.
    const always = code === 'WL_OPENVAS_TRUNCATED' || code === 'WL_OPENVAS_LIMIT_EXCEEDED';
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
