// The estate generator: its steps in order (the plan, the address allocation,
// then the documents of each resource kind). Every step draws from its own
// labelled random stream, but the id factory and the interfaces' stream are
// shared between steps, so the order of the steps is part of the output: keep
// it, or the files for a given seed change.

import type { EstateFiles } from '../lib/aws-shapes.js';
import { allocateAddresses } from './addresses.js';
import { estateContext } from './context.js';
import { natGateways, ordinaryInterfaces } from './interfaces.js';
import { networkAcls } from './network-acls.js';
import { internetGatewayDocuments, prefixListDocuments, subnetDocuments, vpcDocuments } from './network-documents.js';
import { type EstateOptions, resolveOptions } from './options.js';
import { planGroups, planSubnets, planVpcs } from './plan.js';
import { routeTables } from './route-tables.js';
import { securityGroups } from './security-groups.js';

/** Generates the estate: file name -> JSON document. Pure and deterministic. */
export function generateEstate(options: Partial<EstateOptions> = {}): EstateFiles {
  const ctx = estateContext(resolveOptions(options));

  // VPCs, internet gateways, subnets
  const vpcs = planVpcs(ctx);
  const subnets = planSubnets(ctx, vpcs);
  // Address allocation: how many addresses each subnet needs
  const addresses = allocateAddresses(ctx, vpcs, subnets);

  // Documents: VPCs, subnets, internet gateways
  const Vpcs = vpcDocuments(ctx, vpcs);
  const Subnets = subnetDocuments(ctx, subnets, addresses.capacity);
  const InternetGateways = internetGatewayDocuments(ctx, vpcs);

  const RouteTables = routeTables(ctx, vpcs);
  const NetworkAcls = networkAcls(ctx, vpcs);
  const PrefixLists = prefixListDocuments(ctx);
  const prefixListIds = PrefixLists.map((p) => p.PrefixListId);

  // Security groups
  const groups = planGroups(ctx, vpcs);
  const SecurityGroups = securityGroups(ctx, groups, subnets, prefixListIds);

  // NAT gateways and their interfaces, then the ordinary interfaces
  const nat = natGateways(ctx, vpcs, addresses);
  const NatGateways = nat.NatGateways;
  const NetworkInterfaces = [...nat.NetworkInterfaces, ...ordinaryInterfaces(ctx, vpcs, addresses)];

  return {
    'Vpcs.json': { Vpcs },
    'Subnets.json': { Subnets },
    'RouteTables.json': { RouteTables },
    'NetworkAcls.json': { NetworkAcls },
    'SecurityGroups.json': { SecurityGroups },
    'NetworkInterfaces.json': { NetworkInterfaces },
    'InternetGateways.json': { InternetGateways },
    'NatGateways.json': { NatGateways },
    'VpcEndpoints.json': { VpcEndpoints: [] },
    'PrefixLists.json': { PrefixLists },
  };
}
