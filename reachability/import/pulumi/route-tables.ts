// Route tables from Pulumi: aws.ec2.RouteTable (inline routes), aws.ec2.Route
// and aws.ec2.RouteTableAssociation. Every table gets the implicit local route
// AWS adds; routes written at run time are added from the stack's declaration.
import type { Route, RouteTable, RouteTarget, Vpc } from '../../model/types.js';
import { type Where, cidr4 } from '../aws/values.js';
import { type PulumiResource, UNKNOWN } from './pulumi-resource.js';
import type { ResourceIndex } from './resource-index.js';
import { T } from './resource-types.js';

type RouteDraft = Omit<Route, 'routeTableId' | 'index'>;

/**
 * The target of a route. A standalone aws.ec2.Route resolves references through its
 * property dependencies (ids may be unknown); an inline route of aws.ec2.RouteTable has
 * only values (its dependencies are recorded for the whole `routes` list).
 */
function target(ix: ResourceIndex, owner: PulumiResource, spec: Record<string, unknown>): RouteTarget | null {
  const standalone = owner.inputs === spec;
  const resolve = (field: string, types: readonly string[]): { id: string; type?: string } | undefined => {
    const hit = standalone ? ix.ref(owner, field, types) : undefined;
    if (hit) return { id: ix.modelId(hit), type: hit.type };
    const v = spec[field];
    return typeof v === 'string' && v !== UNKNOWN ? { id: v } : undefined;
  };
  const named = (field: string) => field in spec || (standalone && (owner.propertyDependencies[field]?.length ?? 0) > 0);
  if (named('gatewayId')) {
    const g = resolve('gatewayId', [T.igw, T.vpcEndpoint]);
    if (!g) return null;
    if (g.id === 'local') return { kind: 'local' };
    return g.type === T.vpcEndpoint || g.id.startsWith('vpce-') ? { kind: 'gateway-endpoint', id: g.id } : { kind: 'internet-gateway', id: g.id };
  }
  if (named('natGatewayId')) {
    const n = resolve('natGatewayId', [T.natGateway]);
    return n ? { kind: 'nat-gateway', id: n.id } : null;
  }
  if (named('networkInterfaceId')) {
    const e = resolve('networkInterfaceId', []);
    return e ? { kind: 'network-interface', eniId: e.id } : null;
  }
  for (const [field, kind] of [['vpcPeeringConnectionId', 'peering'], ['transitGatewayId', 'transit-gateway'], ['egressOnlyGatewayId', 'egress-only-internet-gateway']] as const) {
    const other = resolve(field, []);
    if (other) return { kind, id: other.id };
  }
  return null;
}

function draft(ix: ResourceIndex, owner: PulumiResource, spec: Record<string, unknown>, field: string): RouteDraft | null {
  const w: Where = { file: ix.file, resource: owner.urn };
  const at = (f: string) => (field ? `${field}.${f}` : f);
  const dest = spec.destinationCidrBlock ?? spec.cidrBlock;
  const pl = spec.destinationPrefixListId;
  if (dest === undefined && pl === undefined) return null;
  const t = target(ix, owner, spec);
  if (!t) {
    ix.unknown(owner, at('target'), 'the route is left out of the model');
    return null;
  }
  const destination = typeof pl === 'string'
    ? { kind: 'prefix-list' as const, prefixListId: pl }
    : typeof dest === 'string' && dest !== UNKNOWN
      ? { kind: 'cidr' as const, cidr: cidr4(w, at('destinationCidrBlock'), dest) }
      : null;
  if (!destination) {
    ix.unknown(owner, at('destinationCidrBlock'), 'the route is left out of the model');
    return null;
  }
  return { destination, target: t, state: 'active', source: ix.source(owner, field || undefined) };
}

export function convertRouteTables(ix: ResourceIndex, vpcs: readonly Vpc[], vpcIdOf: (r: PulumiResource) => string | undefined, extra: Map<string, RouteDraft[]>): RouteTable[] {
  const tables = ix.ofType(T.routeTable);
  const routes = new Map<string, RouteDraft[]>();
  const subnets = new Map<string, string[]>();
  for (const t of tables) {
    const id = ix.modelId(t);
    const vpc = vpcs.find((v) => v.id === vpcIdOf(t));
    const local: RouteDraft[] = (vpc?.cidrs ?? []).map((cidr) => ({ destination: { kind: 'cidr', cidr }, target: { kind: 'local' }, state: 'active', source: { ...ix.source(t, 'local route'), field: 'local route (added by AWS)' } }));
    const inline = Array.isArray(t.inputs.routes) ? (t.inputs.routes as Record<string, unknown>[]) : [];
    routes.set(id, [...local, ...inline.map((s, i) => draft(ix, t, s, `routes[${i}]`)).filter((d): d is RouteDraft => d !== null)]);
    subnets.set(id, []);
  }
  for (const r of ix.ofType(T.route)) {
    const table = ix.ref(r, 'routeTableId', [T.routeTable]);
    const d = draft(ix, r, r.inputs, '');
    if (!table) ix.unknown(r, 'routeTableId', 'the route is left out of the model');
    else if (d) routes.get(ix.modelId(table))!.push(d);
  }
  for (const r of ix.ofType(T.routeTableAssociation)) {
    const table = ix.ref(r, 'routeTableId', [T.routeTable]);
    const subnet = ix.ref(r, 'subnetId', [T.subnet]);
    if (!table || !subnet) ix.unknown(r, table ? 'subnetId' : 'routeTableId', 'the association is left out of the model');
    else subnets.get(ix.modelId(table))!.push(ix.modelId(subnet));
  }
  // Routes a function writes at run time, declared by the stack (keyed by table name).
  for (const t of tables) routes.get(ix.modelId(t))!.push(...(extra.get(ix.displayName(t)) ?? extra.get(t.name) ?? []));
  const out: RouteTable[] = tables.map((t) => ({
    id: ix.modelId(t),
    name: ix.displayName(t),
    vpcId: vpcIdOf(t) ?? '',
    main: false,
    subnetIds: subnets.get(ix.modelId(t))!,
    routes: routes.get(ix.modelId(t))!.map((d, index) => ({ ...d, routeTableId: ix.modelId(t), index })),
    source: ix.source(t),
  }));
  // Every VPC has a main table AWS creates with it (local routes only), used by unassociated subnets.
  for (const vpc of vpcs) {
    const id = `${vpc.id}-main-route-table`;
    out.push({
      id,
      name: `main route table of ${vpc.name ?? vpc.id}`,
      vpcId: vpc.id,
      main: true,
      subnetIds: [],
      routes: vpc.cidrs.map((cidr, index) => ({ routeTableId: id, index, destination: { kind: 'cidr', cidr }, target: { kind: 'local' }, state: 'active', source: { ...vpc.source, field: 'main route table (created by AWS with the VPC)' } })),
      source: { ...vpc.source, field: 'main route table (created by AWS with the VPC)' },
    });
  }
  return out;
}
