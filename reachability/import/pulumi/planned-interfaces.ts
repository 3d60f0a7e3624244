// Interfaces that exist only once the stack runs: workloads placed by the
// program's `placements` output, interface endpoints, the load balancer's
// nodes, and the NAT instance the `runtimeRoutes` output names. Their
// addresses are not known before deploy: each gets a representative address
// in its subnet (the first free one from .10), which a warning states.
import { formatIpv4, parseIpv4, parseIpv4Cidr } from '../../packets/addresses.js';
import type { NetworkInterface, Subnet } from '../../model/types.js';
import type { PulumiResource } from './pulumi-resource.js';
import type { ResourceIndex } from './resource-index.js';
import { T } from './resource-types.js';

export interface Placement {
  readonly name: string;
  readonly kind: string;
  readonly securityGroupNames: readonly string[];
  readonly subnetNames: readonly string[];
  readonly publicIp?: boolean;
}

export interface RuntimeRouteDecl {
  readonly routeTable: string;
  readonly destination: string;
  readonly target: { readonly kind: string; readonly autoScalingGroup?: string };
  readonly writtenBy: string;
}

/** Placeholder public addresses (TEST-NET-2) for addresses AWS assigns at deploy time. */
const PLACEHOLDER_PUBLIC = parseIpv4('198.51.100.10');

export class AddressPlanner {
  private readonly used = new Map<string, Set<number>>();
  private nextPublic = PLACEHOLDER_PUBLIC;

  constructor(private readonly subnets: ReadonlyMap<string, Subnet>) {}

  privateAddress(subnetId: string): string {
    const subnet = this.subnets.get(subnetId)!;
    const range = parseIpv4Cidr(subnet.cidr);
    const taken = this.used.get(subnetId) ?? new Set<number>();
    this.used.set(subnetId, taken);
    for (let ip = range.lo + 10; ip < range.hi; ip++) {
      if (!taken.has(ip)) {
        taken.add(ip);
        return formatIpv4(ip);
      }
    }
    throw new Error(`subnet ${subnetId} has no free address for a planned interface`);
  }

  placeholderPublic(): string {
    return formatIpv4(this.nextPublic++);
  }
}

function kindOf(placementKind: string): string {
  return placementKind === 'lambda' ? 'lambda' : 'interface';
}

export function plannedInterfaces(
  ix: ResourceIndex,
  subnets: ReadonlyMap<string, Subnet>,
  groupsByName: ReadonlyMap<string, string>,
  subnetsByName: ReadonlyMap<string, string>,
  placements: readonly Placement[],
  natInstances: ReadonlyMap<string, { eniId: string; publicIp?: string }>,
): NetworkInterface[] {
  const planner = new AddressPlanner(subnets);
  const out: NetworkInterface[] = [];
  const file = ix.file;
  const add = (eni: Omit<NetworkInterface, 'vpcId' | 'addresses' | 'sourceDestCheck'> & { publicIp?: string; sourceDestCheck?: boolean }) => {
    const subnet = subnets.get(eni.subnetId)!;
    const { publicIp, sourceDestCheck, ...rest } = eni;
    out.push({ ...rest, vpcId: subnet.vpcId, addresses: [{ ip: planner.privateAddress(eni.subnetId), ...(publicIp ? { publicIp } : {}) }], sourceDestCheck: sourceDestCheck ?? true });
  };

  for (const p of placements) {
    const groupIds = p.securityGroupNames.map((n) => groupsByName.get(n)).filter((g): g is string => !!g);
    for (const subnetName of p.subnetNames) {
      const subnetId = subnetsByName.get(subnetName);
      if (!subnetId) continue;
      add({ id: `${p.name}@${subnetName}`, name: `${p.name} (${subnetName})`, subnetId, groupIds, kind: kindOf(p.kind), description: `planned ${p.kind} placement`, source: { file, resource: 'placements', field: p.name } });
    }
  }
  for (const e of ix.ofType(T.vpcEndpoint).filter((r) => String(r.inputs.vpcEndpointType) === 'Interface')) {
    const groupIds = ix.refs(e, 'securityGroupIds', [T.securityGroup]).map((g) => ix.modelId(g));
    for (const s of ix.refs(e, 'subnetIds', [T.subnet])) {
      add({ id: `${ix.displayName(e)}@${ix.displayName(s)}`, name: `${ix.displayName(e)} (${ix.displayName(s)})`, subnetId: ix.modelId(s), groupIds, kind: 'vpc_endpoint', description: `interface endpoint ${String(e.inputs.serviceName ?? '')}`, source: ix.source(e, 'subnetIds') });
    }
  }
  for (const lb of ix.ofType(T.loadBalancer, T.albLoadBalancer)) {
    const groupIds = ix.refs(lb, 'securityGroups', [T.securityGroup]).map((g) => ix.modelId(g));
    const internetFacing = lb.inputs.internal !== true;
    for (const s of ix.refs(lb, 'subnets', [T.subnet])) {
      add({ id: `${ix.displayName(lb)}@${ix.displayName(s)}`, name: `${ix.displayName(lb)} (${ix.displayName(s)})`, subnetId: ix.modelId(s), groupIds, kind: 'interface', description: `load balancer node of ${ix.displayName(lb)}`, ...(internetFacing ? { publicIp: planner.placeholderPublic() } : {}), source: ix.source(lb, 'subnets') });
    }
  }
  for (const asg of ix.ofType(T.autoScalingGroup)) {
    const nat = natInstances.get(ix.displayName(asg)) ?? natInstances.get(asg.name);
    const subnet = ix.refs(asg, 'vpcZoneIdentifiers', [T.subnet])[0];
    const template = launchTemplateOf(ix, asg);
    if (!subnet || !template) continue;
    const groupIds = ix.refs(template, 'vpcSecurityGroupIds', [T.securityGroup]).map((g) => ix.modelId(g));
    add({
      id: nat?.eniId ?? `${ix.displayName(asg)}-instance-eni`,
      name: `instance of ${ix.displayName(asg)}`,
      subnetId: ix.modelId(subnet),
      groupIds,
      kind: 'interface',
      instanceId: `${ix.displayName(asg)}-instance`,
      description: nat ? 'NAT instance: source/destination check turned off and Elastic IP associated by its user data at launch' : `instance of ${ix.displayName(asg)}`,
      ...(nat ? { sourceDestCheck: false, publicIp: nat.publicIp ?? planner.placeholderPublic() } : {}),
      source: ix.source(asg),
    });
  }
  return out;
}

function launchTemplateOf(ix: ResourceIndex, asg: PulumiResource): PulumiResource | undefined {
  const deps = (asg.propertyDependencies.launchTemplate ?? []).map((u) => ix.byUrn.get(u)).filter((r) => r?.type === T.launchTemplate);
  if (deps[0]) return deps[0];
  const lt = asg.inputs.launchTemplate as { id?: string; name?: string } | undefined;
  return ix.ofType(T.launchTemplate).find((t) => ix.modelId(t) === lt?.id || ix.displayName(t) === lt?.name);
}
