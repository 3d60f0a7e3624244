// Route tables: per VPC a main table, public tables (default route to the
// internet gateway), private tables (default route to the NAT gateway), tables
// for some of the isolated subnets, and the occasional more specific internet
// gateway route or stale (blackhole) NAT gateway route.

import type { Route, RouteTable, RouteTableAssociation } from '../lib/aws-shapes.js';
import { type EstateContext, chunk, nameTag, pad } from './context.js';
import type { SubnetKind, SubnetPlan, VpcPlan } from './plan.js';

const MORE_SPECIFIC_IGW_DESTINATIONS: readonly string[] = [
  '52.95.240.0/20',
  '54.239.0.0/20',
  '13.32.0.0/20',
  '99.84.0.0/20',
  '52.84.16.0/20',
  '205.251.192.0/20',
];

export function routeTables(ctx: EstateContext, vpcs: VpcPlan[]): RouteTable[] {
  const { o, ids, rng, ownerId } = ctx;
  const routeRng = rng('routes');
  const RouteTables: RouteTable[] = [];
  const staleNat = (): string => ids.next('nat');
  for (const vpc of vpcs) {
    const local: Route = { DestinationCidrBlock: vpc.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    const table = (name: string, routes: Route[], members: SubnetPlan[], main: boolean): void => {
      const id = ids.next('rtb');
      const Associations: RouteTableAssociation[] = main
        ? [{ Main: true, RouteTableAssociationId: ids.next('rtbassoc'), RouteTableId: id }]
        : [];
      for (const s of members) {
        Associations.push({ Main: false, RouteTableAssociationId: ids.next('rtbassoc'), RouteTableId: id, SubnetId: s.id });
      }
      RouteTables.push({
        Associations, OwnerId: ownerId, PropagatingVgws: [], RouteTableId: id, Routes: [{ ...local }, ...routes],
        Tags: nameTag(name), VpcId: vpc.id,
      });
    };
    const toIgw = (dst: string): Route => ({ DestinationCidrBlock: dst, GatewayId: vpc.igwId, Origin: 'CreateRoute', State: 'active' });
    const blackhole = (): Route => ({
      DestinationCidrBlock: `100.64.${routeRng.int(0, 255)}.0/24`, NatGatewayId: staleNat(), Origin: 'CreateRoute', State: 'blackhole',
    });
    const extraIgw = (): Route => toIgw(routeRng.pick(MORE_SPECIFIC_IGW_DESTINATIONS));
    // forced variety: the first VPC always carries one of each special route
    const forceSpecial = vpc.index === 0;

    table(`${vpc.name}-main`, [], [], true);
    const byKind = (k: SubnetKind): SubnetPlan[] => routeRng.shuffle(vpc.subnets.filter((s) => s.kind === k));
    chunk(routeRng, byKind('public'), 2, 5).forEach((members, i) => {
      const routes = [toIgw('0.0.0.0/0')];
      if ((forceSpecial && i === 0) || routeRng.chance(0.25)) {
        routes.push(extraIgw());
      }
      table(`${vpc.name}-public-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
    chunk(routeRng, byKind('private'), 2, 5).forEach((members, i) => {
      const routes: Route[] = [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: vpc.natId as string, Origin: 'CreateRoute', State: 'active' }];
      if (routeRng.chance(0.15)) {
        routes.push(extraIgw());
      }
      if (o.blackholeRoutes && ((forceSpecial && i === 0) || routeRng.chance(0.1))) {
        routes.push(blackhole());
      }
      table(`${vpc.name}-private-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
    // isolated subnets: about half stay on the main table (no explicit association)
    const isolated = byKind('isolated').filter(() => routeRng.chance(0.5));
    chunk(routeRng, isolated, 2, 5).forEach((members, i) => {
      const routes: Route[] = [];
      if (o.blackholeRoutes && routeRng.chance(0.4)) {
        routes.push(blackhole());
      }
      table(`${vpc.name}-isolated-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
  }
  return RouteTables;
}
