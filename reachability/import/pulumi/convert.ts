// A Pulumi stack's resources -> the network model, the same model the AWS
// importer builds. What the stack does not declare but AWS creates (each
// VPC's default ACL and main route table, local routes), what only exists at
// run time (workload interfaces, the NAT instance and its route), and what
// stays unknown before deploy are all stated in the model, as such.
import type { InternetGateway, ModelWarning, NatGateway, NetworkAcl, NetworkModel, PrefixList, Route, Subnet, Vpc, VpcEndpoint } from '../../model/types.js';
import { ImportError } from '../import-error.js';
import { cidr4 } from '../aws/values.js';
import { formatIpv4, parseIpv4Cidr } from '../../packets/addresses.js';
import { checkReferences } from '../aws/references.js';
import type { PulumiStack, PulumiResource } from './pulumi-resource.js';
import { UNKNOWN } from './pulumi-resource.js';
import { ResourceIndex } from './resource-index.js';
import { T, typeKind } from './resource-types.js';
import { convertSecurityGroups } from './security-groups.js';
import { convertNetworkAcls } from './network-acls.js';
import { convertRouteTables } from './route-tables.js';
import { type Placement, type RuntimeRouteDecl, plannedInterfaces } from './planned-interfaces.js';

function asList<X>(v: unknown): X[] {
  return Array.isArray(v) ? (v as X[]) : [];
}

export function convertPulumiStack(stack: PulumiStack, file: string): NetworkModel {
  const warnings: ModelWarning[] = [];
  const ix = new ResourceIndex(stack, file, warnings);

  for (const r of stack.resources) {
    if (typeKind(r.type) === 'unknown') {
      warnings.push({ code: 'UNMODELLED_RESOURCE', message: `${r.name}: resource type ${r.type} is not modelled; if it carries traffic, answers miss it`, source: ix.source(r) });
    }
  }

  const vpcs: Vpc[] = ix.ofType(T.vpc).map((v) => {
    const cidr = ix.str(v, 'cidrBlock', 'the VPC has no address range in the model');
    return { id: ix.modelId(v), name: ix.displayName(v), cidrs: cidr ? [cidr4({ file, resource: v.urn }, 'cidrBlock', cidr)] : [], ipv6Cidrs: [], source: ix.source(v) };
  });
  const vpcIdOf = (r: PulumiResource): string | undefined => {
    const vpc = ix.ref(r, 'vpcId', [T.vpc]);
    if (vpc) return ix.modelId(vpc);
    if (vpcs.length === 1) return vpcs[0]!.id; // the only VPC: the reference can only be to it
    ix.unknown(r, 'vpcId', 'its VPC is not known');
    return undefined;
  };

  const subnets: Subnet[] = ix.ofType(T.subnet).map((s) => ({
    id: ix.modelId(s),
    name: ix.displayName(s),
    vpcId: vpcIdOf(s) ?? '',
    cidr: cidr4({ file, resource: s.urn }, 'cidrBlock', ix.str(s, 'cidrBlock') ?? '0.0.0.0/32'),
    ...(typeof s.inputs.availabilityZone === 'string' ? { availabilityZone: s.inputs.availabilityZone } : {}),
    mapPublicIpOnLaunch: s.inputs.mapPublicIpOnLaunch === true,
    source: ix.source(s),
  }));
  const subnetMap = new Map(subnets.map((s) => [s.id, s]));

  const internetGateways: InternetGateway[] = ix.ofType(T.igw).map((g) => ({ id: ix.modelId(g), name: ix.displayName(g), vpcIds: [vpcIdOf(g)].filter((v): v is string => !!v), source: ix.source(g) }));
  const securityGroups = convertSecurityGroups(ix, vpcIdOf);
  // AWS creates a default group with each VPC: members reach each other, all egress.
  for (const vpc of vpcs) {
    const id = `${vpc.id}-default-sg`;
    const source = { ...vpc.source, field: 'default security group (created by AWS with the VPC)' };
    securityGroups.push({
      id,
      name: 'default',
      vpcId: vpc.id,
      ingress: [{ groupId: id, direction: 'ingress', index: 0, protocol: -1, peer: { kind: 'group', groupId: id }, source }],
      egress: [{ groupId: id, direction: 'egress', index: 0, protocol: -1, peer: { kind: 'cidr', cidr: '0.0.0.0/0' }, source }],
      source,
    });
  }
  const networkAcls: NetworkAcl[] = convertNetworkAcls(ix, vpcIdOf);
  for (const vpc of vpcs) {
    // The default ACL AWS creates with a VPC allows everything; unassociated subnets use it.
    const id = `${vpc.id}-default-acl`;
    const source = { ...vpc.source, field: 'default network ACL (created by AWS with the VPC)' };
    networkAcls.push({
      id,
      name: `default ACL of ${vpc.name ?? vpc.id}`,
      vpcId: vpc.id,
      isDefault: true,
      subnetIds: [],
      entries: [true, false].map((egress) => ({ aclId: id, ruleNumber: 100, egress, protocol: -1, action: 'allow' as const, cidr: '0.0.0.0/0', source })),
      source,
    });
  }

  const natGateways: NatGateway[] = ix.ofType(T.natGateway).flatMap((n) => {
    const subnet = ix.ref(n, 'subnetId', [T.subnet]);
    if (!subnet) return [];
    const eip = ix.ref(n, 'allocationId', [T.eip]);
    const publicIp = eip && typeof eip.outputs.publicIp === 'string' && eip.outputs.publicIp !== UNKNOWN ? eip.outputs.publicIp : '198.51.100.250';
    const id = ix.modelId(n);
    // Before deploy AWS has not picked the gateway's private address: the subnet's first usable one stands in.
    const cidr = subnetMap.get(ix.modelId(subnet))!.cidr;
    const privateIp = typeof n.inputs.privateIp === 'string' ? n.inputs.privateIp : formatIpv4(parseIpv4Cidr(cidr).lo + 4);
    return [{ id, name: ix.displayName(n), vpcId: subnetMap.get(ix.modelId(subnet))!.vpcId, subnetId: ix.modelId(subnet), privateIp, publicIp, state: 'available', source: ix.source(n) }];
  });

  const vpcEndpoints: VpcEndpoint[] = ix.ofType(T.vpcEndpoint).map((e) => ({
    id: ix.modelId(e),
    name: ix.displayName(e),
    vpcId: vpcIdOf(e) ?? '',
    type: String(e.inputs.vpcEndpointType ?? 'Gateway'),
    serviceName: String(e.inputs.serviceName ?? ''),
    routeTableIds: ix.refs(e, 'routeTableIds', [T.routeTable]).map((t) => ix.modelId(t)),
    subnetIds: ix.refs(e, 'subnetIds', [T.subnet]).map((s) => ix.modelId(s)),
    eniIds: [],
    groupIds: ix.refs(e, 'securityGroupIds', [T.securityGroup]).map((g) => ix.modelId(g)),
    source: ix.source(e),
  }));

  const placements = asList<Placement>(stack.outputs.placements);
  const runtimeRoutes = asList<RuntimeRouteDecl>(stack.outputs.runtimeRoutes);
  if (!('placements' in stack.outputs)) warnings.push({ code: 'NO_PLACEMENTS', message: 'the stack exports no `placements`: workloads the stack does not create (tasks, functions, databases) are absent from the model' });

  const natPublicIp = typeof stack.outputs.natPublicIp === 'string' && stack.outputs.natPublicIp !== UNKNOWN ? stack.outputs.natPublicIp : undefined;
  if (stack.outputs.natPublicIp === UNKNOWN) {
    warnings.push({ code: 'PLACEHOLDER_ADDRESS', message: 'natPublicIp is not known until the Elastic IP exists; the NAT instance has a public address in the model, at a placeholder', source: { file, resource: 'natPublicIp' } });
  }
  const natInstances = new Map<string, { eniId: string; publicIp?: string }>();
  const extraRoutes = new Map<string, Omit<Route, 'routeTableId' | 'index'>[]>();
  for (const [i, rr] of runtimeRoutes.entries()) {
    if (rr.target.kind !== 'nat-instance' || !rr.target.autoScalingGroup) {
      warnings.push({ code: 'UNMODELLED_RUNTIME_ROUTE', message: `run-time route ${i} targets ${rr.target.kind}, which is not modelled` });
      continue;
    }
    const asg = rr.target.autoScalingGroup;
    const eniId = `${asg}-instance-eni`;
    natInstances.set(asg, { eniId, ...(natPublicIp ? { publicIp: natPublicIp } : {}) });
    const list = extraRoutes.get(rr.routeTable) ?? [];
    list.push({
      destination: { kind: 'cidr', cidr: cidr4({ file, resource: 'runtimeRoutes' }, `[${i}].destination`, rr.destination) },
      target: { kind: 'instance', instanceId: `${asg}-instance`, eniId },
      state: 'active',
      runtime: { by: rr.writtenBy },
      source: { file, resource: 'runtimeRoutes', field: `[${i}]` },
    });
    extraRoutes.set(rr.routeTable, list);
  }
  // AWS adds a route to each gateway endpoint's service prefix list in the tables it names.
  const prefixLists: PrefixList[] = [];
  for (const e of ix.ofType(T.vpcEndpoint).filter((r) => String(r.inputs.vpcEndpointType ?? 'Gateway') === 'Gateway')) {
    const service = String(e.inputs.serviceName ?? ix.displayName(e));
    // The list exists, but its ranges are AWS's and not in the stack: known by name, empty here.
    prefixLists.push({ id: `pl-${service}`, name: service, cidrs: [], source: ix.source(e, 'serviceName') });
    warnings.push({ code: 'UNKNOWN_PREFIX_LIST', message: `${ix.displayName(e)}: the address ranges of ${service} (an AWS-managed prefix list) are not in the stack; its routes match no address here, so traffic to ${service} is analysed as taking the other routes`, source: ix.source(e, 'routeTableIds') });
    for (const t of ix.refs(e, 'routeTableIds', [T.routeTable])) {
      const list = extraRoutes.get(ix.displayName(t)) ?? [];
      list.push({ destination: { kind: 'prefix-list', prefixListId: `pl-${service}` }, target: { kind: 'gateway-endpoint', id: ix.modelId(e) }, state: 'active', source: ix.source(e, 'routeTableIds') });
      extraRoutes.set(ix.displayName(t), list);
    }
  }
  const routeTables = convertRouteTables(ix, vpcs, vpcIdOf, extraRoutes);

  const groupsByName = new Map(securityGroups.filter((g) => g.name !== 'default').map((g) => [g.name, g.id]));
  const subnetsByName = new Map(subnets.map((s) => [s.name ?? s.id, s.id]));
  const interfaces = plannedInterfaces(ix, subnetMap, groupsByName, subnetsByName, placements, natInstances);
  if (interfaces.length > 0) {
    warnings.push({ code: 'PLANNED_ADDRESSES', message: `${interfaces.length} interfaces the stack does not create itself (placements, endpoints, load balancer nodes, the NAT instance) stand at representative addresses in their subnets` });
  }

  const model: NetworkModel = { vpcs, subnets, securityGroups, networkAcls, routeTables, interfaces, internetGateways, natGateways, vpcEndpoints, prefixLists, warnings };
  try {
    checkReferences(model, warnings);
  } catch (e) {
    if (e instanceof ImportError) throw new ImportError(file, e.resource, e.field, e.problem);
    throw e;
  }
  return model;
}
