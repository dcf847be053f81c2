/**
 * Builds one finding from the SAX events between `<ReportItem>` and `</ReportItem>`. An item is all
 * or nothing: a missing or malformed `port`, `severity` or `pluginID`, a malformed score, or a
 * well-formedness error inside it makes `finish()` return the reasons, and only that item is lost.
 * An item's children are flat, so one text buffer at a time is enough.
 */
import { MAX_FIELD_CHARS, MAX_SOFTWARE_OUTPUT_CHARS } from './limits.js';
import {
  NESSUS_PROTOCOLS,
  NESSUS_RISK_FACTORS,
  NESSUS_SOFTWARE_PLUGINS,
  type NessusFinding,
} from './types.js';
import {
  type Attributes,
  type Problems,
  cut,
  integerIn,
  isCveId,
  optional,
  own,
  score,
  trimmed,
} from './values.js';

/** A finding before its output is fitted to the caps. */
export interface ItemDraft extends Omit<NessusFinding, 'output' | 'outputTruncated'> {
  /** `plugin_output` as read, up to `MAX_SOFTWARE_OUTPUT_CHARS`; `null` when absent. */
  readonly fullOutput: string | null;
  /** The output ran past even that. */
  readonly fullOutputCut: boolean;
}

export type ItemOutcome =
  | { readonly ok: true; readonly item: ItemDraft; readonly cut: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Children whose text is kept, with their caps. `plugin_output`'s cap depends on the plugin. */
const CAPTURED: Readonly<Record<string, number | undefined>> = {
  cve: 64,
  cpe: MAX_FIELD_CHARS,
  cvss_base_score: 64,
  cvss3_base_score: 64,
  cvss: 64,
  cvssv3: 64,
  cvss_vector: MAX_FIELD_CHARS,
  cvss3_vector: MAX_FIELD_CHARS,
  risk_factor: 64,
  plugin_name: MAX_FIELD_CHARS,
  synopsis: MAX_FIELD_CHARS,
  solution: MAX_FIELD_CHARS,
  plugin_output: MAX_SOFTWARE_OUTPUT_CHARS,
};

export class ItemBuilder {
  private readonly problems: Problems = [];
  private readonly texts = new Map<string, string>();
  private readonly cutNames = new Set<string>();
  private readonly cves = new Set<string>();
  private readonly cpes = new Set<string>();
  private readonly attrs: Attributes;
  private depth = 0;
  private capture: { name: string; text: string; cap: number } | null = null;

  constructor(attrs: Attributes) {
    this.attrs = ownAttributes(attrs);
  }

  reject(reason: string): void {
    this.problems.push(reason);
  }

  open(name: string): void {
    this.depth += 1;
    const cap = CAPTURED[name];
    if (this.depth === 1 && cap !== undefined) this.capture = { name, text: '', cap };
  }

  addText(text: string): void {
    const capture = this.capture;
    if (capture === null || this.depth !== 1) return;
    if (capture.text.length + text.length > capture.cap) {
      capture.text = cut(capture.text + text, capture.cap);
      this.cutNames.add(capture.name);
    } else {
      capture.text += text;
    }
  }

  close(): void {
    this.depth -= 1;
    const capture = this.capture;
    if (this.depth !== 0 || capture === null) return;
    this.capture = null;
    const value = own(capture.text.trim());
    if (capture.name === 'cve') {
      if (isCveId(value)) this.cves.add(value.toUpperCase());
    } else if (capture.name === 'cpe') {
      if (value !== '') this.cpes.add(value);
    } else if (!this.texts.has(capture.name)) {
      this.texts.set(capture.name, capture.name === 'plugin_output' ? own(capture.text) : value);
    }
  }

  finish(): ItemOutcome {
    const problems = this.problems;
    const port = integerIn(required(this.attrs, 'port', problems), 0, 65535, 'port', problems);
    const severity = integerIn(
      required(this.attrs, 'severity', problems),
      0,
      4,
      'severity',
      problems,
    );
    const pluginId = integerIn(
      required(this.attrs, 'pluginID', problems),
      0,
      999_999_999,
      'pluginID',
      problems,
    );
    const cvss2BaseScore = score(
      this.text('cvss_base_score') ?? this.text('cvss'),
      'cvss_base_score',
      problems,
    );
    const cvss3BaseScore = score(
      this.text('cvss3_base_score') ?? this.text('cvssv3'),
      'cvss3_base_score',
      problems,
    );
    if (problems.length > 0 || port === null || severity === null || pluginId === null) {
      return { ok: false, problems: [...new Set(problems)].slice(0, 10) };
    }
    const protocol = optional(this.attrs, 'protocol')?.toLowerCase();
    const risk = this.text('risk_factor')?.toLowerCase();
    const output = this.texts.get('plugin_output') ?? null;
    const item: ItemDraft = {
      pluginId,
      pluginName:
        optional(this.attrs, 'pluginName') ?? this.text('plugin_name') ?? `plugin ${pluginId}`,
      pluginFamily: optional(this.attrs, 'pluginFamily'),
      severity,
      riskFactor: NESSUS_RISK_FACTORS.find((r) => r.toLowerCase() === risk) ?? null,
      cvss2BaseScore,
      cvss3BaseScore,
      cvss2Vector: this.text('cvss_vector'),
      cvss3Vector: this.text('cvss3_vector'),
      cves: [...this.cves],
      cpes: [...this.cpes],
      port,
      protocol: NESSUS_PROTOCOLS.find((p) => p === protocol) ?? null,
      serviceName: optional(this.attrs, 'svc_name'),
      synopsis: this.text('synopsis'),
      solution: this.text('solution'),
      fullOutput: output === '' ? null : output,
      fullOutputCut: this.cutNames.has('plugin_output'),
    };
    const cutNames = [...this.cutNames].filter((name) => name !== 'plugin_output');
    return { ok: true, item, cut: cutNames };
  }

  private text(name: string): string | null {
    return trimmed(this.texts.get(name));
  }
}

/** Whether a plugin's output is read for a software list. */
export function listsSoftware(pluginId: number): boolean {
  return (NESSUS_SOFTWARE_PLUGINS as readonly number[]).includes(pluginId);
}

function required(attrs: Attributes, name: string, problems: Problems): string | null {
  const value = optional(attrs, name);
  if (value === null) problems.push(`no ${name}`);
  return value;
}

/** The attributes, each copied out of the input it was sliced from. */
function ownAttributes(attrs: Attributes): Attributes {
  const owned: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) owned[name] = own(value);
  return owned;
}
