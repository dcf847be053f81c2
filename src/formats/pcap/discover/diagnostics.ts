/**
 * Diagnostics of the discovery pipeline, and the log that keeps the first `maxDiagnostics` of every
 * layer's (reader, decoder, reassembler, dissectors, discovery) and counts the rest per code.
 */
import type { Diagnostic, DiagnosticSeverity } from '../../../domain/diagnostic.js';

/** Codes discovery itself emits; README.md describes each. */
export const DISCOVERY_DIAGNOSTIC_CODES = [
  'WL_PCAP_ADDRESSES_LIMIT',
  'WL_PCAP_CONVERSATIONS_LIMIT',
  'WL_PCAP_FACTS_LIMIT',
  'WL_PCAP_PROBE_LIMIT',
  'WL_PCAP_DISSECTOR_FAILED',
  'WL_PCAP_DIAGNOSTICS_SUPPRESSED',
] as const;

/** A diagnostic code discovery itself emits. */
export type DiscoveryDiagnosticCode = (typeof DISCOVERY_DIAGNOSTIC_CODES)[number];

/** Keeps the first diagnostics in capture order and counts every one per code. */
export class DiagnosticLog {
  readonly #kept: Diagnostic[] = [];
  readonly #counts = new Map<string, number>();
  #suppressed = 0;
  #firstSuppressedOffset = 0;

  constructor(
    private readonly source: string,
    private readonly max: number,
  ) {}

  /** Keeps a diagnostic while there is room; `always` for end-of-capture summaries of caps. */
  add(diagnostic: Diagnostic, always = false): void {
    this.#counts.set(diagnostic.code, (this.#counts.get(diagnostic.code) ?? 0) + 1);
    if (this.#kept.length < this.max || always) {
      this.#kept.push(diagnostic);
      return;
    }
    if (this.#suppressed++ === 0) this.#firstSuppressedOffset = diagnostic.offset;
  }

  report(
    code: DiscoveryDiagnosticCode,
    severity: DiagnosticSeverity,
    offset: number,
    message: string,
    always = false,
  ): void {
    this.add({ source: this.source, offset, code, severity, message }, always);
  }

  /** Every diagnostic seen, per code, kept or not. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  /** The kept diagnostics, then one `WL_PCAP_DIAGNOSTICS_SUPPRESSED` when some were left out. */
  diagnostics(): Diagnostic[] {
    if (this.#suppressed === 0) return [...this.#kept];
    const byCode = [...this.#counts].map(([code, n]) => `${code} ${n}`).join(', ');
    return [
      ...this.#kept,
      {
        source: this.source,
        offset: this.#firstSuppressedOffset,
        code: 'WL_PCAP_DIAGNOSTICS_SUPPRESSED',
        severity: 'info',
        message: `${this.#suppressed} more diagnostics were not kept (limit ${this.max}); all seen, per code: ${byCode}.`,
      },
    ];
  }
}

/**
 * Counts what a cap cost, remembering where it was first reached, for one summary diagnostic at
 * the end.
 */
export class CapCounter {
  count = 0;
  firstOffset = 0;

  hit(offset: number): void {
    if (this.count++ === 0) this.firstOffset = offset;
  }
}
