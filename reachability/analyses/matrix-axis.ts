// The matrix's axes: which groups of interfaces its rows and columns are (by
// security group, subnet or tier), plus the internet.
import type { ReachabilityEngine } from '../paths/query.js';

export type MatrixAxis = 'sg' | 'subnet' | 'tier';

const KNOWN_TIERS = ['public', 'private', 'database', 'data', 'db', 'app', 'web', 'isolated', 'intra', 'protected'];

/** The tier a subnet belongs to: a known tier word in its name, else its name without the zone suffix. */
export function tierOf(name: string): string {
  const words = name.toLowerCase().split(/[-_ ]/);
  return words.find((w) => KNOWN_TIERS.includes(w)) ?? name.replace(/[-_][a-z]$/i, '');
}

/** The labels of one axis, each with the endpoint text that selects it. */
export function axisEndpoints(engine: ReachabilityEngine, by: MatrixAxis): { label: string; endpoint: string }[] {
  const ix = engine.ix;
  if (by === 'sg') {
    return [...ix.groups.values()].filter((g) => ix.interfacesWithGroup(g.id).length > 0).map((g) => ({ label: g.name === 'default' ? `${g.name} (${g.id})` : g.name, endpoint: `sg:${g.id}` }));
  }
  if (by === 'subnet') return [...ix.subnets.values()].map((s) => ({ label: s.name ?? s.id, endpoint: `subnet:${s.id}` }));
  const tiers = [...new Set([...ix.subnets.values()].map((s) => tierOf(s.name ?? s.id)))];
  return tiers.map((t) => ({ label: t, endpoint: `tier:${t}` }));
}

/** The column labels an interface counts for: its groups (subnet, tier). */
export function columnsOf(engine: ReachabilityEngine, by: MatrixAxis, labels: ReadonlyMap<string, string>, eniId: string): string[] {
  const eni = engine.ix.interfaces.get(eniId)!;
  if (by === 'sg') return eni.groupIds.flatMap((g) => labels.get(`sg:${g}`) ?? []);
  if (by === 'subnet') return [labels.get(`subnet:${eni.subnetId}`)].filter((l): l is string => !!l);
  const subnet = engine.ix.subnets.get(eni.subnetId)!;
  return [labels.get(`tier:${tierOf(subnet.name ?? subnet.id)}`)].filter((l): l is string => !!l);
}
