/**
 * Gathers a report's results and host blocks by host address until the report closes, then turns
 * each into one `OpenvasHost`. Text repeated across hosts (an NVT's name, summary and solution) is
 * held once, and what is held is counted against `MAX_HELD_CHARS`.
 */
import { EMPTY_HOST_BLOCK, type HostBlock } from './host-block.js';
import { MAX_HOSTS_PER_FILE, MAX_RESULTS_PER_HOST } from './limits.js';
import type { OpenvasFinding, OpenvasHost, OpenvasService } from './types.js';
import { clip, isIpAddress, own } from './values.js';

interface HostDraft {
  readonly key: string;
  readonly line: number;
  readonly offset: number;
  readonly hostnames: Set<string>;
  readonly findings: OpenvasFinding[];
  dropped: number;
  block: HostBlock | null;
}

/** Where a host first appeared, for its diagnostics. */
export interface HostPlace {
  readonly line: number;
  readonly offset: number;
}

export type HostTableOutcome =
  | {
      readonly ok: true;
      readonly host: OpenvasHost;
      readonly dropped: number;
      readonly at: HostPlace;
    }
  | { readonly ok: false; readonly problem: string; readonly at: HostPlace };

/** What adding to the table did: kept, dropped (host at its cap), or refused (too many hosts). */
export type AddOutcome = 'kept' | 'dropped' | 'full';

export class HostTable {
  /** Characters held so far, for `MAX_HELD_CHARS`. */
  held = 0;
  private readonly hosts = new Map<string, HostDraft>();
  private readonly interned = new Map<string, string>();
  /** Hosts over all reports of the file, for `MAX_HOSTS_PER_FILE`. */
  private seen = 0;

  addResult(
    key: string,
    hostname: string | null,
    finding: OpenvasFinding,
    at: HostPlace,
  ): AddOutcome {
    const draft = this.draft(key, at);
    if (draft === null) return 'full';
    if (hostname !== null) draft.hostnames.add(this.intern(hostname));
    if (draft.findings.length >= MAX_RESULTS_PER_HOST) {
      draft.dropped += 1;
      return 'dropped';
    }
    draft.findings.push(this.internFinding(finding));
    return 'kept';
  }

  addBlock(block: HostBlock, at: HostPlace): AddOutcome {
    const draft = this.draft(block.ip ?? '', at);
    if (draft === null) return 'full';
    // A second block for the same address (a re-scan inside one report) only fills gaps.
    draft.block ??= ownBlock(block);
    this.held += block.chars;
    return 'kept';
  }

  /** Every host gathered so far, in order of first appearance; the table is empty afterwards. */
  *drain(): Generator<HostTableOutcome> {
    const drafts = [...this.hosts.values()];
    this.hosts.clear();
    for (const draft of drafts) yield finishHost(draft);
  }

  private draft(key: string, at: HostPlace): HostDraft | null {
    const existing = this.hosts.get(key);
    if (existing !== undefined) return existing;
    if (this.seen >= MAX_HOSTS_PER_FILE) return null;
    this.seen += 1;
    const draft: HostDraft = {
      key: own(key),
      line: at.line,
      offset: at.offset,
      hostnames: new Set(),
      findings: [],
      dropped: 0,
      block: null,
    };
    this.hosts.set(draft.key, draft);
    this.held += key.length;
    return draft;
  }

  private intern(text: string): string {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    const copy = own(text);
    this.interned.set(copy, copy);
    this.held += text.length;
    return copy;
  }

  private internOrNull(text: string | null): string | null {
    return text === null ? null : this.intern(text);
  }

  private internFinding(finding: OpenvasFinding): OpenvasFinding {
    this.held += (finding.description?.length ?? 0) + finding.cves.length * 16 + 64;
    return {
      ...finding,
      resultId: finding.resultId === null ? null : own(finding.resultId),
      description: finding.description === null ? null : own(finding.description),
      cves: finding.cves.map((cve) => this.intern(cve)),
      oid: this.intern(finding.oid),
      name: this.intern(finding.name),
      family: this.internOrNull(finding.family),
      cvssVector: this.internOrNull(finding.cvssVector),
      qodType: this.internOrNull(finding.qodType),
      portText: this.internOrNull(finding.portText),
      summary: this.internOrNull(finding.summary),
      solution: this.internOrNull(finding.solution),
      solutionType: this.internOrNull(finding.solutionType),
    };
  }
}

function finishHost(draft: HostDraft): HostTableOutcome {
  const at = { line: draft.line, offset: draft.offset };
  if (!isIpAddress(draft.key)) {
    const what =
      draft.key === ''
        ? 'a host block has no <ip>'
        : `"${clip(draft.key)}" is not an IPv4 or IPv6 address`;
    const results = draft.findings.length + draft.dropped;
    return {
      ok: false,
      problem: `${what}; its ${results} results and host details are skipped`,
      at,
    };
  }
  const block = draft.block ?? EMPTY_HOST_BLOCK;
  const host: OpenvasHost = {
    ip: draft.key,
    hostnames: [...new Set([...draft.hostnames, ...block.hostnames])],
    mac: block.mac,
    osName: block.osName,
    osCpe: block.osCpe,
    startTime: block.startTime,
    endTime: block.endTime,
    services: servicesOf(block.services, draft.findings),
    applications: [...block.applications].map(([cpe, locations]) => ({ cpe, locations })),
    findings: draft.findings,
  };
  return { ok: true, host, dropped: draft.dropped, at };
}

/** Named and listed ports from the details, and every numbered port a finding names. */
function servicesOf(
  listed: readonly OpenvasService[],
  findings: readonly OpenvasFinding[],
): OpenvasService[] {
  const services = new Map<string, OpenvasService>();
  for (const service of listed) services.set(`${service.transport}/${service.port}`, service);
  for (const { port, transport } of findings) {
    if (port === null || transport === null) continue;
    const key = `${transport}/${port}`;
    if (!services.has(key)) services.set(key, { transport, port, name: null });
  }
  return [...services.values()].sort(byTransportThenPort);
}

function byTransportThenPort(a: OpenvasService, b: OpenvasService): number {
  return a.transport === b.transport ? a.port - b.port : a.transport === 'tcp' ? -1 : 1;
}

/** The block with every string copied out of the input it was sliced from. */
function ownBlock(block: HostBlock): HostBlock {
  const maybe = (text: string | null): string | null => (text === null ? null : own(text));
  return {
    ...block,
    ip: maybe(block.ip),
    hostnames: block.hostnames.map(own),
    mac: maybe(block.mac),
    osName: maybe(block.osName),
    osCpe: maybe(block.osCpe),
    services: block.services.map((s) => ({ ...s, name: maybe(s.name) })),
    applications: new Map(
      [...block.applications].map(([cpe, locations]) => [own(cpe), locations.map(own)]),
    ),
  };
}
