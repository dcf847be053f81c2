/**
 * Phase 1 of matching: observations of one batch that are the same device are grouped
 * (union-find), strongest identifier first, never joining two groups whose MACs, serials or asset
 * tags differ. Input is in canonical order, so the grouping does not depend on arrival order.
 */
import { vendorsCompatible } from './identifiers.js';
import {
  hostnameKeys,
  strongIdsConflict,
  unionStrongIds,
  type ShortNameIndex,
  type StrongIds,
} from './match-keys.js';
import type { PreparedObservation } from './prepare.js';

/** How many neighbours in time an observation is compared with on one IP address, each way. */
const IP_NEIGHBOUR_CAP = 16;

interface Node {
  readonly observation: PreparedObservation;
  /** Position in canonical order: the smaller root of two stays root. */
  readonly order: number;
  parent: Node;
  ids: StrongIds;
}

function rootOf(node: Node): Node {
  let root = node;
  while (root.parent !== root) root = root.parent;
  let walk = node;
  while (walk.parent !== root) {
    const next = walk.parent;
    walk.parent = root;
    walk = next;
  }
  return root;
}

function conflicts(a: Node, b: Node): boolean {
  return strongIdsConflict(rootOf(a).ids, rootOf(b).ids);
}

/** Joins the groups of `a` and `b` unless their strong ids conflict; true when they are one. */
function union(a: Node, b: Node): boolean {
  const rootA = rootOf(a);
  const rootB = rootOf(b);
  if (rootA === rootB) return true;
  if (strongIdsConflict(rootA.ids, rootB.ids)) return false;
  const [keep, drop] = rootA.order < rootB.order ? [rootA, rootB] : [rootB, rootA];
  drop.parent = keep;
  keep.ids = unionStrongIds(keep.ids, drop.ids);
  return true;
}

function collect(nodes: readonly Node[], keysOf: (o: PreparedObservation) => readonly string[]) {
  const index = new Map<string, Node[]>();
  for (const node of nodes) {
    const keys = keysOf(node.observation);
    for (let k = 0; k < keys.length; k += 1) {
      const key = keys[k] ?? '';
      if (keys.indexOf(key) !== k) continue;
      const list = index.get(key);
      if (list === undefined) index.set(key, [node]);
      else list.push(node);
    }
  }
  return index;
}

/**
 * Joins the observations that share a key: each joins the first earlier group it can (one whose
 * strong ids do not conflict, and for which `canJoin` holds), or starts a group of its own.
 */
function unionShared(
  index: Map<string, Node[]>,
  canJoin: (earlier: Node, node: Node) => boolean = () => true,
): void {
  for (const list of index.values()) {
    const heads: Node[] = [];
    for (const node of list) {
      const joined = heads.some((head) => canJoin(head, node) && union(head, node));
      if (!joined) heads.push(node);
    }
  }
}

/** Same serial: joined only where the makers may be the same company. */
function sameMaker(a: Node, b: Node): boolean {
  const x = a.observation.vendor;
  const y = b.observation.vendor;
  return x === null || y === null || vendorsCompatible(x, y);
}

interface IpEdge {
  readonly a: Node;
  readonly b: Node;
  readonly distance: number;
}

/**
 * On one address: each observation's nearest-in-time partner. An observation whose nearest
 * partners belong to groups that conflict (two devices held the address then) is ambiguous: it
 * neither joins nor is joined on this address.
 */
function ipEdges(list: readonly Node[], bindingMs: number): IpEdge[] {
  const byTime = [...list].sort((x, y) => x.observation.at - y.observation.at || x.order - y.order);
  const nearest = new Map<Node, { partner: Node; distance: number }>();
  const ambiguous = new Set<Node>();
  byTime.forEach((node, n) => {
    const near = new Map<Node, { partner: Node; distance: number }>();
    const window = [
      ...byTime.slice(Math.max(0, n - IP_NEIGHBOUR_CAP), n),
      ...byTime.slice(n + 1, n + 1 + IP_NEIGHBOUR_CAP),
    ];
    for (const other of window) {
      const distance = Math.abs(other.observation.at - node.observation.at);
      const root = rootOf(other);
      if (distance > bindingMs || root === rootOf(node) || conflicts(node, other)) continue;
      const held = near.get(root);
      if (held === undefined || distance < held.distance)
        near.set(root, { partner: other, distance });
    }
    const best = Math.min(...[...near.values()].map((c) => c.distance));
    const tied = [...near].filter(([, c]) => c.distance === best);
    const clash = tied.some(([a], i) =>
      tied.slice(i + 1).some(([b]) => strongIdsConflict(a.ids, b.ids)),
    );
    const first = tied.sort(([a], [b]) => a.order - b.order)[0];
    if (clash) ambiguous.add(node);
    else if (first !== undefined) nearest.set(node, first[1]);
  });
  return [...nearest]
    .filter(([node, { partner }]) => !ambiguous.has(node) && !ambiguous.has(partner))
    .map(([node, { partner, distance }]) => ({ a: node, b: partner, distance }));
}

/**
 * Groups a canonically ordered batch; each group lists its observations in canonical order.
 * `shortNames` must hold every host name of the batch and of the known candidates.
 */
export function groupBatch(
  observations: readonly PreparedObservation[],
  shortNames: ShortNameIndex,
  bindingMs: number,
): PreparedObservation[][] {
  const nodes = observations.map((observation, order) => {
    const node = { observation, order, ids: strongIdsOf(observation) } as Node;
    node.parent = node;
    return node;
  });
  // The same sighting twice (an import read twice, a row repeated): one device.
  unionShared(collect(nodes, (o) => [o.sortKey]));
  unionShared(collect(nodes, (o) => (o.macIdentifies && o.mac !== null ? [o.mac] : [])));
  unionShared(
    collect(nodes, (o) => (o.serial === null ? [] : [o.serial])),
    sameMaker,
  );
  unionShared(collect(nodes, (o) => (o.assetTag === null ? [] : [o.assetTag])));
  unionShared(collect(nodes, (o) => o.aeIpKeys));
  unionShared(collect(nodes, (o) => o.hostnames.flatMap((h) => hostnameKeys(h.name, shortNames))));
  const edges = [...collect(nodes, (o) => o.matchIps).values()].flatMap((list) =>
    ipEdges(list, bindingMs),
  );
  edges.sort((x, y) => x.distance - y.distance || x.a.order - y.a.order || x.b.order - y.b.order);
  for (const edge of edges) union(edge.a, edge.b);

  const groups = new Map<Node, PreparedObservation[]>();
  for (const node of nodes) {
    const root = rootOf(node);
    const members = groups.get(root);
    if (members === undefined) groups.set(root, [node.observation]);
    else members.push(node.observation);
  }
  return [...groups.values()];
}

/** The MAC (when it identifies), serial and asset tag of one observation. */
export function strongIdsOf(o: PreparedObservation): StrongIds {
  return { mac: o.macIdentifies ? o.mac : null, serial: o.serial, assetTag: o.assetTag };
}
