// What a change does to the network, in packets rather than in rule text:
// for every pair of endpoint groups (interfaces grouped by security group
// name, plus the internet) the packets B delivers that A does not (added) and
// the packets A delivers that B does not (removed); the properties whose
// verdict changed; the findings that appeared or went away.
//
// Groups are matched by name, so A and B may be different renderings of one
// network (a stack export and a preview, two snapshots) whose ids differ.
// Addresses are freed inside the VPC for the same reason (the same group may
// sit at other addresses in B); on the internet side they are kept, so a rule
// opened to one outside range reads as that range.
import { checkProperties, type PropertyResult } from '../../properties/check.js';
import type { Property, Verdict } from '../../properties/language.js';
import { type Ipv4Range, rangeToCidrs } from '../packets/addresses.js';
import type { PacketSet } from '../packets/packet-set.js';
import { HeaderSets, PairMemo } from '../packets/header-sets.js';
import { type AddressMap, EMPTY_MAP, intersectMaps } from '../packets/address-maps.js';
import type { RuleRef } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { type Finding, findings } from './findings.js';
import { type ProtocolPorts, summarize, summaryText } from './port-summary.js';
import { INTERNET, groupLabeller } from './labels.js';
import { flowTable, headerPackets, mapChanges } from './diff-cells.js';
import { releaseEstateFlows } from '../paths/estate-flows.js';

export interface DiffSide {
  readonly engine: ReachabilityEngine;
  /** The environment the properties are checked for. */
  readonly stack?: string;
}

export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly change: 'added' | 'removed';
  /** Protocols and destination ports (ICMP: types) of the packets that changed. */
  readonly traffic: readonly ProtocolPorts[];
  readonly text: string;
  /** Set when only some source ports changed. */
  readonly sourcePorts?: string;
  /** The internet side's addresses, when the change does not cover the whole internet. */
  readonly internetAddresses?: readonly string[];
}

export interface PropertyChange {
  readonly id: string;
  readonly reason: string;
  readonly before: Verdict | null;
  readonly after: Verdict | null;
  /** The head's detail (the base's when the property is gone from the head). */
  readonly detail: string;
  readonly result: PropertyResult | null;
}

export interface FindingChange {
  readonly change: 'appeared' | 'disappeared';
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly rule: RuleRef;
}

export interface NetworkDiff {
  readonly flows: readonly FlowChange[];
  readonly properties: readonly PropertyChange[];
  readonly findings: readonly FindingChange[];
  /** B delivers something from the internet that A does not. */
  readonly opensFromInternet: boolean;
  /** A property PROVED in A is not PROVED in B. */
  readonly breaksProperty: boolean;
}

const MAX_ADDRESSES = 8;

function sameRanges(a: readonly Ipv4Range[], b: readonly Ipv4Range[]): boolean {
  return a.length === b.length && a.every((r, i) => r.lo === b[i]!.lo && r.hi === b[i]!.hi);
}

export function describeChange(set: PacketSet, from: string, to: string, change: FlowChange['change'], internet: readonly Ipv4Range[]): FlowChange {
  const traffic = summarize(set);
  const ports = set.project('srcPort');
  const allPorts = ports.length === 1 && ports[0]!.lo === 0 && ports[0]!.hi === 65535;
  const side = from === INTERNET ? set.project('srcIp') : to === INTERNET ? set.project('dstIp') : null;
  let internetAddresses: string[] | undefined;
  if (side && !sameRanges(side, internet)) {
    const cidrs = side.flatMap((r) => rangeToCidrs(r));
    internetAddresses = cidrs.length > MAX_ADDRESSES ? [...cidrs.slice(0, MAX_ADDRESSES), `(+${cidrs.length - MAX_ADDRESSES} more)`] : cidrs;
  }
  return {
    from,
    to,
    change,
    traffic,
    text: summaryText(traffic),
    ...(allPorts ? {} : { sourcePorts: ports.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(', ') }),
    ...(internetAddresses ? { internetAddresses } : {}),
  };
}

/** Whether two interned header sets are the same set (interned sets are canonical: one id per set, one box list). */
function sameSet(a: HeaderSets, x: number, b: HeaderSets, y: number): boolean {
  if (a === b) return x === y;
  const fx = a.flat(x);
  const fy = b.flat(y);
  return fx.length === fy.length && fx.every((v, i) => v === fy[i]);
}

function sameMap(a: HeaderSets, x: AddressMap | undefined, b: HeaderSets, y: AddressMap | undefined): boolean {
  if (!x || !y) return x === y;
  return x.starts.length === y.starts.length && x.starts.every((s, i) => s === y.starts[i] && sameSet(a, x.vals[i]!, b, y.vals[i]!));
}

/** What B delivers that A does not (added) and the reverse (removed); null when a side delivers nothing. */
function changesOf(before: PacketSet | null, after: PacketSet | null): { added: PacketSet | null; removed: PacketSet | null } {
  const added = after ? (before ? after.subtract(before) : after) : null;
  const removed = before ? (after ? before.subtract(after) : before) : null;
  return { added: added && !added.isEmpty() ? added.compact() : null, removed: removed && !removed.isEmpty() ? removed.compact() : null };
}

/**
 * The flows that differ, pair of labels by pair of labels. Both sides are read
 * from their whole-estate flows with the same label positions, so a row of A
 * and a row of B are compared cell by cell without listing either whole.
 */
export function flowChanges(base: ReachabilityEngine, head: ReachabilityEngine, sideDone: (engine: ReachabilityEngine) => void = () => {}): FlowChange[] {
  const la = groupLabeller(base);
  const lb = groupLabeller(head);
  const labels = [...new Set([...[...base.ix.interfaces.values()].flatMap(la), ...[...head.ix.interfaces.values()].flatMap(lb)])].sort();
  const shared = new HeaderSets();
  const A = flowTable(base, la, labels, shared);
  sideDone(base);
  const B = flowTable(head, lb, labels, shared);
  sideDone(head);
  const internetA = A.hosts;
  const internetB = B.hosts;
  const out: FlowChange[] = [];
  const report = (c: { added: PacketSet | null; removed: PacketSet | null }, from: string, to: string) => {
    if (c.added) out.push(describeChange(c.added, from, to, 'added', internetB));
    if (c.removed) out.push(describeChange(c.removed, from, to, 'removed', internetA));
  };

  // Between interfaces: cells by header set, compared once per pair of values.
  const NONE = HeaderSets.EMPTY;
  const memo = new PairMemo(12);
  const results: { added: PacketSet | null; removed: PacketSet | null }[] = [];
  const compare = (va: number, vb: number) => {
    let k = memo.get(va, vb);
    if (k < 0) {
      if (sameSet(A.hs, va, B.hs, vb)) k = 0x7fffffff;
      else {
        k = results.length;
        results.push(changesOf(va === NONE ? null : headerPackets(A.hs, va), vb === NONE ? null : headerPackets(B.hs, vb)));
      }
      memo.set(va, vb, k);
    }
    return k === 0x7fffffff ? null : results[k]!;
  };
  for (let row = 0; row < labels.length; row++) {
    const a = A.plan.rowCells(row);
    const b = B.plan.rowCells(row);
    for (let i = 0, j = 0; i < a.at.length || j < b.at.length; ) {
      const pa = i < a.at.length ? a.at[i]! : Infinity;
      const pb = j < b.at.length ? b.at[j]! : Infinity;
      const pos = Math.min(pa, pb);
      const va = pa === pos ? a.values[i++]! : NONE;
      const vb = pb === pos ? b.values[j++]! : NONE;
      const c = compare(va, vb);
      if (c) report(c, labels[row]!, labels[pos]!);
    }
  }

  // The internet's row and column, over its addresses (each side's maps cut to its own internet hosts).
  const sameHosts = sameRanges(A.hosts, B.hosts);
  for (const [side, dim] of [['from', 0], ['to', 1]] as const) {
    const ma = side === 'from' ? A.fromInternet : A.toInternet;
    const mb = side === 'from' ? B.fromInternet : B.toInternet;
    for (const label of new Set([...ma.keys(), ...mb.keys()])) {
      const x = ma.get(label);
      const y = mb.get(label);
      if (sameHosts && sameMap(A.hs, x, B.hs, y)) continue;
      const c = mapChanges(A.hs, intersectMaps(A.hs, x ?? EMPTY_MAP, A.hostsMap), B.hs, intersectMaps(B.hs, y ?? EMPTY_MAP, B.hostsMap), dim);
      if (side === 'from') report(c, INTERNET, label);
      else report(c, label, INTERNET);
    }
  }
  const order = (f: FlowChange) => `${f.from === INTERNET ? '0' : '1'}${f.from}\u0000${f.to === INTERNET ? '0' : '1'}${f.to}\u0000${f.change}`;
  return out.sort((x, y) => order(x).localeCompare(order(y)));
}

function propertyChanges(before: readonly PropertyResult[], after: readonly PropertyResult[]): PropertyChange[] {
  const a = new Map(before.map((r) => [r.id, r]));
  const b = new Map(after.map((r) => [r.id, r]));
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.flatMap((id) => {
    const x = a.get(id);
    const y = b.get(id);
    if (x && y && x.verdict === y.verdict) return [];
    const r = (y ?? x)!;
    return [{ id, reason: r.reason, before: x?.verdict ?? null, after: y?.verdict ?? null, detail: r.detail, result: y ?? null }];
  });
}

function findingChanges(before: readonly Finding[], after: readonly Finding[]): FindingChange[] {
  // Messages name groups, ACLs and rules by name and position, not by id: the same finding reads the same in A and B.
  const key = (f: Finding) => `${f.kind}\u0000${f.message}`;
  const a = new Set(before.map(key));
  const b = new Set(after.map(key));
  const change = (f: Finding, c: FindingChange['change']): FindingChange => ({ change: c, kind: f.kind, severity: f.severity, message: f.message, rule: f.rule });
  return [...after.filter((f) => !a.has(key(f))).map((f) => change(f, 'appeared')), ...before.filter((f) => !b.has(key(f))).map((f) => change(f, 'disappeared'))];
}

/** `onStep` is told each step of the work as it starts (the CLI shows them on a terminal). */
export function diffNetworks(base: DiffSide, head: DiffSide, properties: readonly Property[], onStep: (step: string) => void = () => {}): NetworkDiff {
  const name = (engine: ReachabilityEngine) => (engine === base.engine ? 'base' : 'head');
  // Properties first, each side's search regions released after it: on an estate the
  // searches' regions and the whole-estate flows are each large, and need not coexist.
  const check = (s: DiffSide) => {
    onStep(`checking ${properties.length} properties on the ${name(s.engine)}`);
    const results = checkProperties(s.engine.model, properties, { engine: s.engine, ...(s.stack ? { stack: s.stack } : {}) });
    s.engine.ctx.release();
    return results;
  };
  const props = propertyChanges(check(base), check(head));
  // Each side's findings as soon as its flow table is built, then its estate flows released:
  // the two sides' flows need not coexist either.
  const found = new Map<ReachabilityEngine, Finding[]>();
  onStep("computing the base's flows");
  const flows = flowChanges(base.engine, head.engine, (engine) => {
    onStep(`looking for dead, shadowed and redundant rules in the ${name(engine)}`);
    found.set(engine, findings(engine));
    releaseEstateFlows(engine);
    if (engine === base.engine) onStep("computing the head's flows");
  });
  const changed = findingChanges(found.get(base.engine)!, found.get(head.engine)!);
  return {
    flows,
    properties: props,
    findings: changed,
    opensFromInternet: flows.some((f) => f.change === 'added' && f.from === INTERNET),
    breaksProperty: props.some((p) => p.before === 'PROVED' && p.after !== 'PROVED'),
  };
}
