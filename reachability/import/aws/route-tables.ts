// describe-route-tables -> route tables with one route per Routes item.
import type { z } from 'zod';
import type { ModelWarning, Route, RouteDestination, RouteTable, RouteTarget } from '../../model/types.js';
import { RouteTableSchema } from './schemas.js';
import { type Where, at, cidr4, cidr6, fail, nameTag } from './values.js';

type Table = z.infer<typeof RouteTableSchema>;
type AwsRoute = Table['Routes'][number];

function targetOf(w: Where, field: string, r: AwsRoute): RouteTarget {
  const g = r.GatewayId;
  if (g === 'local') return { kind: 'local' };
  if (r.NatGatewayId) return { kind: 'nat-gateway', id: r.NatGatewayId };
  if (r.InstanceId) return { kind: 'instance', instanceId: r.InstanceId, ...(r.NetworkInterfaceId ? { eniId: r.NetworkInterfaceId } : {}) };
  if (r.NetworkInterfaceId) return { kind: 'network-interface', eniId: r.NetworkInterfaceId };
  if (r.VpcPeeringConnectionId) return { kind: 'peering', id: r.VpcPeeringConnectionId };
  if (r.TransitGatewayId) return { kind: 'transit-gateway', id: r.TransitGatewayId };
  if (r.EgressOnlyInternetGatewayId) return { kind: 'egress-only-internet-gateway', id: r.EgressOnlyInternetGatewayId };
  if (g?.startsWith('igw-')) return { kind: 'internet-gateway', id: g };
  if (g?.startsWith('vgw-')) return { kind: 'vpn-gateway', id: g };
  if (g?.startsWith('vpce-')) return { kind: 'gateway-endpoint', id: g };
  const other = g ?? r.CarrierGatewayId ?? r.LocalGatewayId ?? r.CoreNetworkArn;
  if (other) return { kind: 'other', id: other, what: 'gateway' };
  return fail(w, field, 'the route names no target (GatewayId, NatGatewayId, InstanceId, NetworkInterfaceId, ...)');
}

function destinationOf(w: Where, field: string, r: AwsRoute): RouteDestination {
  if (r.DestinationCidrBlock) return { kind: 'cidr', cidr: cidr4(w, `${field}.DestinationCidrBlock`, r.DestinationCidrBlock) };
  if (r.DestinationPrefixListId) return { kind: 'prefix-list', prefixListId: r.DestinationPrefixListId };
  if (r.DestinationIpv6CidrBlock) return { kind: 'cidr6', cidr: cidr6(w, `${field}.DestinationIpv6CidrBlock`, r.DestinationIpv6CidrBlock) };
  return fail(w, field, 'the route has no destination (DestinationCidrBlock, DestinationPrefixListId or DestinationIpv6CidrBlock)');
}

export function convertRouteTable(file: string, t: Table, warnings: ModelWarning[]): RouteTable {
  const w: Where = { file, resource: t.RouteTableId };
  const routes: Route[] = t.Routes.map((r, i) => {
    const field = `Routes[${i}]`;
    const state = r.State ?? 'active';
    if (state !== 'active' && state !== 'blackhole') fail(w, `${field}.State`, `"${state}" is neither active nor blackhole`);
    const destination = destinationOf(w, field, r);
    if (destination.kind === 'cidr6') {
      warnings.push({ code: 'IPV6_ROUTE', message: `${t.RouteTableId} route for ${destination.cidr} applies to IPv6 only; the engine analyses IPv4`, source: at(w, field) });
    }
    return { routeTableId: t.RouteTableId, index: i, destination, target: targetOf(w, field, r), state, source: at(w, field) };
  });
  const name = nameTag(t.Tags);
  return {
    id: t.RouteTableId,
    ...(name ? { name } : {}),
    vpcId: t.VpcId,
    main: t.Associations.some((a) => a.Main === true),
    subnetIds: t.Associations.flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
    subnetFields: t.Associations.flatMap((a, i) => (a.SubnetId ? [`Associations[${i}].SubnetId`] : [])),
    routes,
    source: at(w),
  };
}
