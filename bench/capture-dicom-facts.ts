/**
 * The DICOM facts bench/discover compares, per device address, from three sources: the synthetic
 * capture's ground truth, Wardline's observations, and tshark's DICOM dissector.
 *
 * Per address and role: the AE titles it used (SCU: calling) or answered to (SCP: called), the SOP
 * classes it proposed (SCU) or accepted (SCP), its implementation class UID and version name; and
 * the set of (calling AE, called AE) pairs that associated.
 */
import { spawnSync } from 'node:child_process';
import type { DeviceObservation, ObservedFlow } from '../src/domain/observation.js';
import type { AssociationTruth } from './capture-synthetic.js';

export interface DicomSide {
  readonly aeTitles: string[];
  readonly sopClasses: string[];
  readonly implementationClassUids: string[];
  readonly implementationVersionNames: string[];
}

export interface DicomFacts {
  /** `ip scu` / `ip scp` → what that address said in that role. */
  readonly sides: Record<string, DicomSide>;
  /** `calling → called` */
  readonly pairs: string[];
}

class FactsBuilder {
  readonly #sides = new Map<
    string,
    { ae: Set<string>; sop: Set<string>; uid: Set<string>; version: Set<string> }
  >();
  readonly #pairs = new Set<string>();

  side(ip: string, role: 'scu' | 'scp') {
    const key = `${ip} ${role}`;
    let side = this.#sides.get(key);
    if (side === undefined) {
      side = { ae: new Set(), sop: new Set(), uid: new Set(), version: new Set() };
      this.#sides.set(key, side);
    }
    return side;
  }

  pair(calling: string, called: string): void {
    this.#pairs.add(`${calling} → ${called}`);
  }

  build(): DicomFacts {
    const sorted = (set: Set<string>) => [...set].sort();
    const sides: Record<string, DicomSide> = {};
    for (const key of [...this.#sides.keys()].sort()) {
      const side = this.#sides.get(key)!;
      sides[key] = {
        aeTitles: sorted(side.ae),
        sopClasses: sorted(side.sop),
        implementationClassUids: sorted(side.uid),
        implementationVersionNames: sorted(side.version),
      };
    }
    return { sides, pairs: sorted(this.#pairs) };
  }
}

export function truthFacts(associations: readonly AssociationTruth[]): DicomFacts {
  const facts = new FactsBuilder();
  for (const a of associations) {
    const scu = facts.side(a.clientIp, 'scu');
    scu.ae.add(a.calling);
    for (const uid of a.proposed) scu.sop.add(uid);
    scu.uid.add(a.scuImplementation.uid);
    scu.version.add(a.scuImplementation.version);
    const scp = facts.side(a.serverIp, 'scp');
    scp.ae.add(a.called);
    for (const uid of a.accepted) scp.sop.add(uid);
    scp.uid.add(a.scpImplementation.uid);
    scp.version.add(a.scpImplementation.version);
    facts.pair(a.calling, a.called);
  }
  return facts.build();
}

/**
 * Wardline's facts: each device's DICOM facts under its role. A device that was both SCU and SCP
 * cannot be split back into roles; the synthetic capture has none.
 */
export function wardlineFacts(
  observations: readonly DeviceObservation[],
  flows: readonly ObservedFlow[],
): DicomFacts {
  const facts = new FactsBuilder();
  const aeByIp = new Map<string, readonly string[]>();
  for (const o of observations) {
    const dicom = o.protocols.dicom;
    if (dicom === undefined) continue;
    for (const ip of o.identifiers.ips) {
      aeByIp.set(ip, dicom.aeTitles);
      for (const role of dicom.roles) {
        const side = facts.side(ip, role);
        for (const ae of dicom.aeTitles) side.ae.add(ae);
        for (const uid of dicom.sopClasses) side.sop.add(uid);
        if (dicom.implementationClassUid !== null) side.uid.add(dicom.implementationClassUid);
        if (dicom.implementationVersionName !== null)
          side.version.add(dicom.implementationVersionName);
      }
    }
  }
  for (const flow of flows) {
    if (flow.protocol !== 'dicom') continue;
    for (const calling of aeByIp.get(flow.client.ip) ?? []) {
      for (const called of aeByIp.get(flow.server.ip) ?? []) facts.pair(calling, called);
    }
  }
  return facts.build();
}

const TSHARK_FIELDS = [
  'tcp.stream',
  'ip.src',
  'ip.dst',
  'dicom.pdu.type',
  'dicom.assoc.ae.calling',
  'dicom.assoc.ae.called',
  'dicom.pctx.id',
  'dicom.pctx.abss.syntax',
  'dicom.pctx.result',
  'dicom.userinfo.uid',
  'dicom.userinfo.version',
];

/** The tshark command line bench/discover runs and times. */
export function tsharkArguments(path: string): string[] {
  return [
    '-r',
    path,
    // Wireshark 4.0 leaves out-of-order segments unreassembled by default.
    '-o',
    'tcp.reassemble_out_of_order:TRUE',
    '-Y',
    'dicom.pdu.type == 1 || dicom.pdu.type == 2',
    '-T',
    'fields',
    ...TSHARK_FIELDS.flatMap((f) => ['-e', f]),
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=;',
  ];
}

export function tsharkInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v tshark'], { stdio: 'ignore' }).status === 0;
}

/** tshark names the syntax and gives the UID in parentheses: `CT Image Storage (1.2.840…)`. */
function uidOf(text: string): string {
  return /\(([\d.]+)\)$/.exec(text)?.[1] ?? text;
}

/** Reads tshark's rows: A-ASSOCIATE-RQ (type 1) and -AC (type 2) with their fields. */
export function tsharkFacts(output: string): DicomFacts {
  const facts = new FactsBuilder();
  const requests = new Map<
    string,
    { contexts: Map<string, string>; calling: string; called: string }
  >();
  const rows = output.split('\n').filter((line) => line.trim() !== '');
  const parsed = rows.map((line) => {
    const [stream, src, dst, type, calling, called, ids, syntaxes, results, uid, version] =
      line.split('\t');
    const list = (value: string | undefined) =>
      value === undefined || value === '' ? [] : value.split(';');
    return {
      stream: stream ?? '',
      src: src ?? '',
      dst: dst ?? '',
      type: type ?? '',
      calling: (calling ?? '').trim(),
      called: (called ?? '').trim(),
      ids: list(ids),
      syntaxes: list(syntaxes).map(uidOf),
      results: list(results),
      uid: uid ?? '',
      version: version ?? '',
    };
  });
  const isType = (row: { type: string }, type: number) =>
    row.type.split(';').some((t) => Number(t) === type);
  for (const row of parsed.filter((r) => isType(r, 1))) {
    const scu = facts.side(row.src, 'scu');
    scu.ae.add(row.calling);
    for (const uid of row.syntaxes) scu.sop.add(uid);
    if (row.uid !== '') scu.uid.add(row.uid);
    if (row.version !== '') scu.version.add(row.version);
    facts.side(row.dst, 'scp').ae.add(row.called);
    facts.pair(row.calling, row.called);
    const contexts = new Map<string, string>();
    row.ids.forEach((id, i) => contexts.set(id, row.syntaxes[i] ?? ''));
    requests.set(row.stream, { contexts, calling: row.calling, called: row.called });
  }
  for (const row of parsed.filter((r) => isType(r, 2))) {
    const scp = facts.side(row.src, 'scp');
    if (row.uid !== '') scp.uid.add(row.uid);
    if (row.version !== '') scp.version.add(row.version);
    const request = requests.get(row.stream);
    row.ids.forEach((id, i) => {
      const syntax = request?.contexts.get(id);
      const accepted = row.results[i] !== undefined && Number(row.results[i]) === 0;
      if (accepted && syntax !== undefined && syntax !== '') scp.sop.add(syntax);
    });
  }
  return facts.build();
}

/** Where two fact sets differ, as lines to print; empty when identical. */
export function differences(
  left: DicomFacts,
  right: DicomFacts,
  names: [string, string],
): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(left.sides), ...Object.keys(right.sides)]);
  for (const key of [...keys].sort()) {
    const a = JSON.stringify(left.sides[key] ?? null);
    const b = JSON.stringify(right.sides[key] ?? null);
    if (a !== b)
      out.push(`  ${key}: ${names[0]} ${a}\n  ${' '.repeat(key.length)}  ${names[1]} ${b}`);
  }
  const pairsA = new Set(left.pairs);
  const pairsB = new Set(right.pairs);
  for (const p of left.pairs) if (!pairsB.has(p)) out.push(`  pair ${p} only in ${names[0]}`);
  for (const p of right.pairs) if (!pairsA.has(p)) out.push(`  pair ${p} only in ${names[1]}`);
  return out;
}

/** The flat value sets the brief names: calling AEs, called AEs, SOP classes, UIDs, versions. */
export function valueSets(facts: DicomFacts): Record<string, string[]> {
  const sets: Record<string, Set<string>> = {
    'calling AE': new Set(),
    'called AE': new Set(),
    'SOP class': new Set(),
    'implementation class UID': new Set(),
    'implementation version name': new Set(),
  };
  for (const [key, side] of Object.entries(facts.sides)) {
    const scu = key.endsWith(' scu');
    for (const ae of side.aeTitles) sets[scu ? 'calling AE' : 'called AE']?.add(ae);
    for (const uid of side.sopClasses) sets['SOP class']?.add(uid);
    for (const uid of side.implementationClassUids) sets['implementation class UID']?.add(uid);
    for (const v of side.implementationVersionNames) sets['implementation version name']?.add(v);
  }
  return Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, [...v].sort()]));
}
