/**
 * Builds one finding from the SAX events between `<result>` and `</result>`. A result is all or
 * nothing: no NVT OID, no host, a malformed number or a well-formedness error inside it makes
 * `finish()` return the reasons, and only that result is lost.
 */
import { MAX_DESCRIPTION_CHARS, MAX_ELEMENTS_PER_BLOCK, MAX_FIELD_CHARS } from './limits.js';
import { PathStack } from './path-stack.js';
import { TextCapture } from './text-capture.js';
import { OPENVAS_THREATS, type OpenvasFinding } from './types.js';
import {
  type Attributes,
  type Problems,
  cvesIn,
  decimalIn,
  isCveId,
  optional,
  readPort,
  readTags,
  trimmed,
} from './values.js';

export type ResultOutcome =
  | {
      readonly ok: true;
      /** The result's `host` text: the address the finding belongs to (not yet checked). */
      readonly hostKey: string;
      readonly hostname: string | null;
      readonly finding: OpenvasFinding;
      /** Names of the values cut to their cap. */
      readonly cut: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Elements whose text is kept, by their path below `result`, with their caps. */
const CAPTURED: Readonly<Record<string, number>> = {
  name: MAX_FIELD_CHARS,
  host: MAX_FIELD_CHARS,
  'host/hostname': MAX_FIELD_CHARS,
  port: MAX_FIELD_CHARS,
  threat: MAX_FIELD_CHARS,
  severity: MAX_FIELD_CHARS,
  description: MAX_DESCRIPTION_CHARS,
  'qod/value': MAX_FIELD_CHARS,
  'qod/type': MAX_FIELD_CHARS,
  'nvt/name': MAX_FIELD_CHARS,
  'nvt/family': MAX_FIELD_CHARS,
  'nvt/cvss_base': MAX_FIELD_CHARS,
  'nvt/tags': MAX_FIELD_CHARS,
  'nvt/solution': MAX_FIELD_CHARS,
  'nvt/cve': MAX_FIELD_CHARS,
  'nvt/severities/severity/value': MAX_FIELD_CHARS,
};

export class ResultBuilder {
  private readonly problems: Problems = [];
  /** Elements open below `result`. */
  private readonly paths = new PathStack();
  private readonly capture = new TextCapture();
  private readonly texts = new Map<string, string>();
  private readonly cves = new Set<string>();
  private readonly resultId: string | null;
  private oid: string | null = null;
  private solutionType: string | null = null;
  private elements = 0;

  constructor(attrs: Attributes) {
    this.resultId = optional(attrs, 'id');
  }

  reject(reason: string): void {
    this.problems.push(reason);
  }

  open(name: string, attrs: Attributes): void {
    const key = this.paths.push(name);
    this.elements += 1;
    if (this.elements === MAX_ELEMENTS_PER_BLOCK + 1) {
      this.problems.push(`more than ${MAX_ELEMENTS_PER_BLOCK} elements`);
    }
    if (this.problems.length > 0 || this.paths.depth > 4) return;
    const cap = CAPTURED[key];
    if (cap !== undefined && !this.texts.has(key)) this.capture.start(key, cap);
    if (key === 'nvt') this.oid = optional(attrs, 'oid');
    else if (key === 'nvt/solution') this.solutionType = optional(attrs, 'type');
    else if (key === 'nvt/refs/ref') this.addRef(attrs);
  }

  addText(text: string): void {
    if (this.paths.depth <= 4) this.capture.add(this.paths.current, text);
  }

  close(): void {
    const key = this.paths.pop();
    const text = this.capture.take(key);
    if (text !== null && !this.texts.has(key)) this.texts.set(key, text);
  }

  finish(): ResultOutcome {
    const problems = this.problems;
    const hostKey = trimmed(this.text('host'));
    if (hostKey === null) problems.push('no <host>');
    const oid = this.oid?.trim() ?? '';
    if (oid === '') problems.push('no <nvt oid>');
    const numbers = {
      severity: decimalIn(this.text('severity'), -3, 10, 'severity', problems),
      cvssBase: decimalIn(this.text('nvt/cvss_base'), 0, 10, 'cvss_base', problems),
      qod: decimalIn(this.text('qod/value'), 0, 100, 'qod', problems),
      ...readPort(this.text('port'), problems),
    };
    if (problems.length > 0 || hostKey === null) {
      return { ok: false, problems: [...new Set(problems)].slice(0, 10) };
    }
    const finding = this.buildFinding(oid, numbers);
    const cut = Object.keys(CAPTURED).filter((key) => this.capture.wasCut(key));
    return { ok: true, hostKey, hostname: trimmed(this.text('host/hostname')), finding, cut };
  }

  private buildFinding(
    oid: string,
    numbers: Pick<OpenvasFinding, 'severity' | 'cvssBase' | 'qod' | 'port' | 'transport'>,
  ): OpenvasFinding {
    const tags = readTags(this.text('nvt/tags') ?? '');
    const tag = (name: string): string | null => trimmed(tags.get(name) ?? null);
    const threatText = trimmed(this.text('threat'));
    for (const cve of cvesIn(this.text('nvt/cve') ?? '')) this.cves.add(cve);
    const description = this.text('description');
    return {
      resultId: this.resultId,
      oid,
      name: trimmed(this.text('nvt/name')) ?? trimmed(this.text('name')) ?? oid,
      family: trimmed(this.text('nvt/family')),
      severity: numbers.severity === null || numbers.severity < 0 ? null : numbers.severity,
      cvssBase: numbers.cvssBase,
      cvssVector: trimmed(this.text('nvt/severities/severity/value')) ?? tag('cvss_base_vector'),
      threat: OPENVAS_THREATS.find((t) => t === threatText) ?? null,
      qod: numbers.qod,
      qodType: trimmed(this.text('qod/type')),
      cves: [...this.cves],
      port: numbers.port,
      transport: numbers.transport,
      portText: trimmed(this.text('port')),
      description: description === '' ? null : description,
      summary: tag('summary'),
      solution: trimmed(this.text('nvt/solution')) ?? tag('solution'),
      solutionType: trimmed(this.solutionType) ?? tag('solution_type'),
    };
  }

  private text(key: string): string | null {
    return this.texts.get(key) ?? null;
  }

  private addRef(attrs: Attributes): void {
    const id = optional(attrs, 'id')?.trim() ?? '';
    if (optional(attrs, 'type')?.toLowerCase() === 'cve' && isCveId(id)) {
      this.cves.add(id.toUpperCase());
    }
  }
}
