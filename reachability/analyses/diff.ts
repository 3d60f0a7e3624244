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
import type { RuleRef } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { internetHostRanges } from '../paths/address-classes.js';
import { type Finding, findings } from './findings.js';
import { type ProtocolPorts, summarize, summaryText } from './port-summary.js';
import { INTERNET, type Projection, groupLabeller, pairSets, sharingEngine } from './diff-flows.js';

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

/** Addresses are kept only on the internet side (see the header comment); ports and protocols always. */
const DIFF_PROJECTION: Projection = (side) => [...(side.fromInternet ? [] : (['srcIp'] as const)), ...(side.toInternet ? [] : (['dstIp'] as const))];

const MAX_ADDRESSES = 8;

function sameRanges(a: readonly Ipv4Range[], b: readonly Ipv4Range[]): boolean {
  return a.length === b.length && a.every((r, i) => r.lo === b[i]!.lo && r.hi === b[i]!.hi);
}

function describeChange(set: PacketSet, from: string, to: string, change: FlowChange['change'], internet: readonly Ipv4Range[]): FlowChange {
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

export function flowChanges(base: ReachabilityEngine, head: ReachabilityEngine): FlowChange[] {
  const a = pairSets(base, groupLabeller(base), DIFF_PROJECTION, { connectable: false });
  const b = pairSets(head, groupLabeller(head), DIFF_PROJECTION, { connectable: false });
  const internetA = internetHostRanges(base.ix);
  const internetB = internetHostRanges(head.ix);
  const out: FlowChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(key);
    const after = b.get(key);
    const [from, to] = key.split('\u0000') as [string, string];
    const added = after ? (before ? after.forward.subtract(before.forward) : after.forward) : null;
    const removed = before ? (after ? before.forward.subtract(after.forward) : before.forward) : null;
    if (added && !added.isEmpty()) out.push(describeChange(added.compact(), from, to, 'added', internetB));
    if (removed && !removed.isEmpty()) out.push(describeChange(removed.compact(), from, to, 'removed', internetA));
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

export function diffNetworks(base: DiffSide, head: DiffSide, properties: readonly Property[]): NetworkDiff {
  const flows = flowChanges(base.engine, head.engine);
  const check = (s: DiffSide) => checkProperties(s.engine.model, properties, { engine: s.engine, ...(s.stack ? { stack: s.stack } : {}) });
  const props = propertyChanges(check(base), check(head));
  const found = findingChanges(findings(sharingEngine(base.engine)), findings(sharingEngine(head.engine)));
  return {
    flows,
    properties: props,
    findings: found,
    opensFromInternet: flows.some((f) => f.change === 'added' && f.from === INTERNET),
    breaksProperty: props.some((p) => p.before === 'PROVED' && p.after !== 'PROVED'),
  };
}
