// The meaning of properties: each is decided exactly over every packet of its
// space. VIOLATED comes with a counterexample the concrete tracer confirms
// (path there and back, rule at every hop) and the rule that let it through;
// UNDECIDED (a value unknown before deploy) counts as a failure.
import type { NetworkModel } from '../reachability/model/types.js';
import { PacketSet } from '../reachability/packets/packet-set.js';
import { type Block, type Hop, type PacketJson, type RuleRef, type Start, packetJson } from '../reachability/paths/hops.js';
import { type ResolvedEndpoint, unionEndpoints } from '../reachability/paths/endpoints.js';
import { ReachabilityEngine, type Found, type SourceOutcome, show } from '../reachability/paths/query.js';
import type { SymbolicDelivery } from '../reachability/paths/symbolic-search.js';
import { type FlowProperty, type InventoryProperty, type Property, type Verdict, isInventory } from './language.js';
import { trafficSet } from './traffic.js';

export interface Counterexample {
  readonly witness: PacketJson;
  readonly forward: readonly Hop[];
  readonly return: readonly Hop[];
  readonly blocked: Block | null;
}

export interface PropertyResult {
  readonly id: string;
  readonly reason: string;
  readonly assert: Property['assert'];
  readonly verdict: Verdict;
  readonly detail: string;
  /** For VIOLATED (and UNDECIDED with a candidate): the packet that breaks the property. */
  readonly counterexample: Counterexample | null;
  /** The rule that let the counterexample through (the last allow on its path). */
  readonly culprit: RuleRef | null;
}

/** Warnings that make a verdict unsafe: values the model could not know. */
const UNDECIDABLE = new Set(['UNKNOWN_VALUE']);

export function checkProperties(model: NetworkModel, properties: readonly Property[], options: { stack?: string; engine?: ReachabilityEngine } = {}): PropertyResult[] {
  const engine = options.engine ?? new ReachabilityEngine(model);
  const unknowns = model.warnings.filter((w) => UNDECIDABLE.has(w.code));
  return properties
    .filter((p) => !p.stacks || !options.stack || p.stacks.includes(options.stack))
    .map((p) => {
      const r = checkOne(engine, p);
      if (unknowns.length === 0) return r;
      const why = unknowns.slice(0, 3).map((w) => w.message).join('; ');
      return { ...r, verdict: 'UNDECIDED' as const, detail: `cannot be decided: ${unknowns.length} value(s) unknown until deploy (${why}${unknowns.length > 3 ? '; ...' : ''}); without them: ${r.verdict}, ${r.detail}` };
    });
}

function endpoints(engine: ReachabilityEngine, texts: readonly string[]): ResolvedEndpoint {
  return unionEndpoints(texts.join(', '), texts.map((t) => engine.resolve(t, { missingIsEmpty: true })));
}

/** Does a delivery cross one of the components? (kind, id, kind:id or the component's name) */
export function crosses(engine: ReachabilityEngine, via: readonly string[], wanted: readonly string[]): boolean {
  return via.some((entry) => {
    const [kind, id] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
    return wanted.some((w) => w === kind || w === id || w === entry || engine.ix.nameOf(id) === w);
  });
}

function scopeOf(engine: ReachabilityEngine, p: { via?: readonly string[]; notVia?: readonly string[] }): (d: SymbolicDelivery) => boolean {
  return (d) => (!p.via || crosses(engine, d.via, p.via)) && (!p.notVia || !crosses(engine, d.via, p.notVia));
}

/** The last allowing rule on the way: the destination's group, else an ACL, else a route. */
function culpritOf(hops: readonly Hop[]): RuleRef | null {
  for (const kind of ['security-group', 'network-acl', 'route-table'] as const) {
    const hop = [...hops].reverse().find((h) => h.component === kind && h.rule && h.rule.action !== 'deny');
    if (hop?.rule) return hop.rule;
  }
  return null;
}

function violation(engine: ReachabilityEngine, p: Property, start: Start, set: PacketSet, dst: ResolvedEndpoint, what: string): PropertyResult {
  const e = engine.explain(start, set, dst);
  const counterexample: Counterexample = { witness: packetJson(e.witness), forward: e.forward.hops, return: e.back, blocked: e.backBlock };
  return { id: p.id, reason: p.reason, assert: p.assert, verdict: 'VIOLATED', detail: `${what}: ${show(e.witness)}`, counterexample, culprit: culpritOf(e.forward.hops) };
}

function proved(p: Property, detail: string): PropertyResult {
  return { id: p.id, reason: p.reason, assert: p.assert, verdict: 'PROVED', detail, counterexample: null, culprit: null };
}

/**
 * The first delivery, source by source, whose part is not empty; and how many
 * deliveries were checked (those that hold a packet of the searched space:
 * a search over covering ranges also finds deliveries wholly outside it).
 */
function firstNonEmpty(bySource: Iterable<SourceOutcome>, part: (f: Found) => PacketSet): { hit: { f: Found; set: PacketSet } | null; read: number } {
  let read = 0;
  for (const { found, exact, holds } of bySource) {
    for (const f of found) {
      // Restricting is the same before or after taking the part (both are intersections and differences): the part first, as it is smaller.
      const set = exact(part(f));
      if (!set.isEmpty()) return { hit: { f, set }, read: read + 1 };
      if (holds(f.delivery.set)) read++;
    }
  }
  return { hit: null, read };
}

function checkInventory(engine: ReachabilityEngine, p: InventoryProperty): PropertyResult {
  const [kind, key] = [p.endpoint.slice(0, p.endpoint.indexOf(':')), p.endpoint.slice(p.endpoint.indexOf(':') + 1)];
  const named = <T extends { id: string; name?: string }>(items: Iterable<T>) => [...items].some((i) => i.id === key || i.name === key);
  // A group or subnet exists as a resource, members or not; other endpoints exist when they have an address.
  const present =
    kind === 'sg' ? named(engine.ix.groups.values()) : kind === 'subnet' ? named(engine.ix.subnets.values()) : engine.resolve(p.endpoint, { missingIsEmpty: true }).ranges.length > 0;
  const ok = p.assert === 'exists' ? present : !present;
  const detail = `${p.endpoint} ${present ? 'exists' : 'does not exist'} in this stack`;
  return { id: p.id, reason: p.reason, assert: p.assert, verdict: ok ? 'PROVED' : 'VIOLATED', detail, counterexample: null, culprit: null };
}

function checkOne(engine: ReachabilityEngine, p: Property): PropertyResult {
  return isInventory(p) ? checkInventory(engine, p) : checkFlow(engine, p);
}

function checkFlow(engine: ReachabilityEngine, p: FlowProperty): PropertyResult {
  const traffic = trafficSet(p.traffic, `property ${p.id}`);
  const from = endpoints(engine, p.from);
  const to = endpoints(engine, p.to);
  const scope = scopeOf(engine, p);

  if (p.assert === 'none') {
    for (const [a, b, dir] of [[from, to, 'delivered'], ...(p.bothWays ? [[to, from, 'delivered the other way']] : [])] as [ResolvedEndpoint, ResolvedEndpoint, string][]) {
      const { hit } = firstNonEmpty(engine.searchBySource(a, b, traffic, scope, { drops: false, exactLater: true }), (f) => f.delivery.set);
      if (hit) return violation(engine, p, hit.f.start, hit.set, b, `a packet is ${dir}`);
    }
    return proved(p, `no packet from ${from.text} is delivered to ${to.text}${p.bothWays ? ', either way' : ''}`);
  }

  if (p.assert === 'only') {
    const a = p.allowed;
    let allowed = trafficSet(a.traffic, `property ${p.id} allowed`);
    if (a.from) allowed = allowed.intersect(PacketSet.where('srcIp', endpoints(engine, a.from).ranges));
    const allowedTo = a.to ? endpoints(engine, a.to) : null;
    if (allowedTo) allowed = allowed.intersect(PacketSet.where('dstIp', allowedTo.destinations));
    const { hit, read } = firstNonEmpty(engine.searchBySource(from, to, traffic, scope, { drops: false, exactLater: true }), (f) => {
      const viaOk = !a.via || crosses(engine, f.delivery.via, a.via);
      const placeOk = !allowedTo || allowedTo.accepts(f.delivery.delivery);
      return viaOk && placeOk ? f.delivery.set.subtract(allowed) : f.delivery.set;
    });
    if (hit) return violation(engine, p, hit.f.start, hit.set, to, 'a packet outside what is allowed is delivered');
    return proved(p, `everything delivered from ${from.text} to ${to.text} is within what is allowed (${read} delivery path(s) checked)`);
  }

  // must: some flow is connectable
  const answer = engine.answer(from, to, traffic, scope);
  if (answer.connectable) return proved(p, `connectable, e.g. ${answer.witness!.protocol} ${answer.witness!.srcIp}:${answer.witness!.srcPort} -> ${answer.witness!.dstIp}:${answer.witness!.dstPort}`);
  const counterexample: Counterexample | null = answer.witness
    ? { witness: answer.witness, forward: answer.forward, return: answer.return, blocked: answer.blocked }
    : answer.blocked
      ? { witness: { srcIp: '', dstIp: '', protocol: '', srcPort: 0, dstPort: 0 }, forward: answer.forward, return: [], blocked: answer.blocked }
      : null;
  const detail = answer.reachable ? `delivered but no reply returns: ${answer.blocked?.code} (${answer.blocked?.detail})` : `not reachable: ${answer.blocked?.code} (${answer.blocked?.detail})`;
  return { id: p.id, reason: p.reason, assert: p.assert, verdict: 'VIOLATED', detail, counterexample, culprit: answer.blocked?.hop.rule ?? null };
}
