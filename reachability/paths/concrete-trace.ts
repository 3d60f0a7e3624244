// The concrete evaluator: follows one packet through the network, hop by hop,
// and names the rule that let it through at each hop, or where it died.
// It is the reference reading of the forwarding semantics (DESIGN section 4);
// the symbolic search must agree with it on every packet.
import { parseIpv4 } from '../packets/addresses.js';
import { type Packet, PROTOCOL, replyOf } from '../packets/header.js';
import type { NatGateway, NetworkInterface, Route } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';
import { matchingRule, rulesOf } from '../filters/security-groups.js';
import { aclDecide } from '../filters/network-acl.js';
import { lookupRoute } from '../filters/routes.js';
import {
  type Block,
  type BlockCode,
  type Delivery,
  type Hop,
  type Start,
  aclRuleRef,
  packetJson,
  routeRuleRef,
  sgRuleRef,
} from './hops.js';
import type { Obligation } from './obligations.js';
import { isInternetAddress, isOutsideSourceAllowedAtIgw } from './address-classes.js';

export interface ForwardTrace {
  readonly delivered: Delivery | null;
  readonly hops: readonly Hop[];
  readonly block: Block | null;
  readonly obligations: readonly Obligation<Packet>[];
}

export interface ReturnTrace {
  readonly returned: boolean;
  readonly hops: readonly Hop[];
  readonly block: Block | null;
}

type Emitter = { kind: 'eni'; eni: NetworkInterface } | { kind: 'nat-gateway'; nat: NatGateway };

class Dropped {
  constructor(readonly block: Block) {}
}

class Tracer {
  readonly hops: Hop[] = [];
  readonly obligations: Obligation<Packet>[] = [];
  private readonly forwarders = new Set<string>();

  constructor(private readonly ix: NetworkIndex) {}

  private hop(h: Hop): void {
    this.hops.push(h);
  }

  private drop(code: BlockCode, hop: Hop, detail: string): never {
    throw new Dropped({ hop, code, detail });
  }

  run(start: Start, p: Packet): Delivery {
    if (start.kind === 'outside') return this.fromInternet(p);
    const eni = this.ix.interfaces.get(start.eniId)!;
    const at: Hop = { component: 'network-interface', id: eni.id, ...(eni.name ? { name: eni.name } : {}), packet: packetJson(p) };
    if (eni.kind === 'vpc_endpoint') this.drop('VPCE_INTRA_VPC_TRAFFIC', at, `${eni.id} belongs to an interface endpoint, which starts no connection`);
    if (eni.kind === 'nat_gateway') this.drop('UNSUPPORTED_COMPONENT', at, `${eni.id} belongs to a NAT gateway, which starts no connection`);
    this.hop(at);
    this.securityGroup(eni, 'egress', p);
    return this.route(eni.subnetId, { kind: 'eni', eni }, p);
  }

  private securityGroup(eni: NetworkInterface, direction: 'ingress' | 'egress', p: Packet): void {
    const rule = matchingRule(eni.groupIds, direction, p, this.ix);
    if (rule) {
      const g = this.ix.groups.get(rule.groupId)!;
      this.hop({ component: 'security-group', id: g.id, name: g.name, at: eni.id, direction, rule: sgRuleRef(rule), packet: packetJson(p) });
      return;
    }
    const none = rulesOf(eni.groupIds, direction, this.ix).length === 0;
    const groups = eni.groupIds.join(', ') || 'no group';
    this.drop(
      none ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH',
      { component: 'security-group', id: eni.groupIds[0] ?? eni.id, at: eni.id, direction, packet: packetJson(p) },
      none
        ? `the security groups of ${eni.id} (${groups}) have no ${direction} rule`
        : `no ${direction} rule of the security groups of ${eni.id} (${groups}) allows the packet`,
    );
  }

  private acl(subnetId: string, egress: boolean, p: Packet): void {
    const acl = this.ix.aclOfSubnet(subnetId);
    const direction = egress ? 'outbound' : 'inbound';
    if (!acl) this.drop('UNKNOWN_RESOURCE', { component: 'network-acl', id: subnetId, at: subnetId, direction }, `subnet ${subnetId} has no network ACL in the model`);
    const d = aclDecide(acl, egress, p);
    const hop: Hop = { component: 'network-acl', id: acl.id, ...(acl.name ? { name: acl.name } : {}), at: subnetId, direction, rule: aclRuleRef(acl.id, d.entry, acl.source), packet: packetJson(p) };
    if (d.action === 'deny') {
      this.drop('SUBNET_ACL_RESTRICTION', hop, d.entry ? `${direction} rule ${d.entry.ruleNumber} of ${acl.id} denies the packet` : `no ${direction} rule of ${acl.id} allows the packet (final * deny)`);
    }
    this.hop(hop);
    this.obligations.push({ kind: 'acl', subnetId, aclId: acl.id, egress: !egress, at: replyOf(p) });
  }

  private crossSubnets(from: string, to: string, p: Packet): void {
    if (from === to) return; // traffic inside one subnet passes no ACL
    this.acl(from, true, p);
    this.acl(to, false, p);
  }

  private arrive(subnetId: string, p: Packet): void {
    const rt = this.ix.routeTableOfSubnet(subnetId);
    if (rt) this.obligations.push({ kind: 'route-back', subnetId, routeTableId: rt.id, expect: { kind: 'local' }, at: replyOf(p) });
    else this.obligations.push({ kind: 'route-back', subnetId, routeTableId: '', expect: { kind: 'local' }, at: replyOf(p) });
  }

  private route(subnetId: string, from: Emitter, p: Packet): Delivery {
    const subnet = this.ix.subnets.get(subnetId)!;
    const rt = this.ix.routeTableOfSubnet(subnetId);
    if (!rt) this.drop('NO_ROUTE_TO_DESTINATION', { component: 'route-table', id: subnetId, at: subnetId }, `subnet ${subnetId} has no route table`);
    const route = lookupRoute(rt, p.dstIp, this.ix);
    if (!route) this.drop('NO_ROUTE_TO_DESTINATION', { component: 'route-table', id: rt.id, at: subnetId, packet: packetJson(p) }, `${rt.id} has no route for ${packetJson(p).dstIp}`);
    const hop: Hop = { component: 'route-table', id: rt.id, ...(rt.name ? { name: rt.name } : {}), at: subnetId, rule: routeRuleRef(route), packet: packetJson(p), ...(route.runtime ? { note: `run-time route written by ${route.runtime.by}` } : {}) };
    if (route.state === 'blackhole') this.drop('BAD_STATE_ROUTE', hop, `the route for ${hop.rule!.destination} in ${rt.id} is a blackhole`);
    this.hop(hop);
    return this.target(subnet.vpcId, subnetId, from, route, p);
  }

  private target(vpcId: string, subnetId: string, from: Emitter, route: Route, p: Packet): Delivery {
    const t = route.target;
    switch (t.kind) {
      case 'local': {
        const owner = this.ix.privateOwner(vpcId, p.dstIp);
        if (!owner) this.drop('NO_PATH', { component: 'vpc', id: vpcId, packet: packetJson(p) }, `no interface in ${vpcId} owns ${packetJson(p).dstIp}`);
        return this.toInterface(owner.eni, subnetId, p);
      }
      case 'internet-gateway':
        return this.outToInternet(vpcId, subnetId, t.id, from, p);
      case 'nat-gateway':
        return this.toNatGateway(t.id, subnetId, p);
      case 'instance':
      case 'network-interface': {
        const eni = this.ix.routeTargetInterface(t);
        if (!eni) this.drop('UNKNOWN_RESOURCE', { component: 'route-table', id: route.routeTableId, rule: routeRuleRef(route) }, `the route target ${t.kind === 'instance' ? t.instanceId : t.eniId} has no interface in the model`);
        return this.toForwarder(eni, subnetId, p);
      }
      case 'gateway-endpoint':
        return this.toGatewayEndpoint(t.id, subnetId, p);
      default:
        return this.drop('UNSUPPORTED_COMPONENT', { component: 'route-table', id: route.routeTableId, rule: routeRuleRef(route), packet: packetJson(p) }, `the route leads to ${t.id} (${t.kind}), which the engine does not model`);
    }
  }

  private toInterface(eni: NetworkInterface, fromSubnet: string, p: Packet): Delivery {
    this.crossSubnets(fromSubnet, eni.subnetId, p);
    const at: Hop = { component: 'network-interface', id: eni.id, ...(eni.name ? { name: eni.name } : {}), packet: packetJson(p) };
    if (eni.kind === 'nat_gateway') this.drop('NO_PATH', at, `${eni.id} belongs to a NAT gateway, which accepts no connection`);
    this.securityGroup(eni, 'ingress', p);
    this.arrive(eni.subnetId, p);
    this.hop(at);
    return { kind: 'interface', eniId: eni.id };
  }

  private toForwarder(eni: NetworkInterface, fromSubnet: string, p: Packet): Delivery {
    this.crossSubnets(fromSubnet, eni.subnetId, p);
    this.securityGroup(eni, 'ingress', p);
    const hop: Hop = { component: 'nat-instance', id: eni.id, ...(eni.name ? { name: eni.name } : {}), packet: packetJson(p) };
    if (eni.sourceDestCheck) this.drop('ENI_SOURCE_DEST_CHECK_RESTRICTION', hop, `${eni.id} has its source/destination check on, so it forwards nothing`);
    if (this.forwarders.has(eni.id)) this.drop('NO_PATH', hop, `routing loop through ${eni.id}`);
    this.forwarders.add(eni.id);
    this.arrive(eni.subnetId, p);
    const own = eni.addresses[0]!.ip;
    const q: Packet = { ...p, srcIp: parseIpv4(own) };
    this.hop({ ...hop, note: `forwards with the source rewritten to ${own}` });
    this.securityGroup(eni, 'egress', q);
    return this.route(eni.subnetId, { kind: 'eni', eni }, q);
  }

  private toNatGateway(natId: string, fromSubnet: string, p: Packet): Delivery {
    const nat = this.ix.natGateways.get(natId)!;
    const hop: Hop = { component: 'nat-gateway', id: nat.id, ...(nat.name ? { name: nat.name } : {}), packet: packetJson(p) };
    if (nat.state !== 'available') this.drop('BAD_STATE_ROUTE', hop, `${nat.id} is ${nat.state}`);
    this.crossSubnets(fromSubnet, nat.subnetId, p);
    if (this.forwarders.has(nat.id)) this.drop('NO_PATH', hop, `routing loop through ${nat.id}`);
    this.forwarders.add(nat.id);
    this.arrive(nat.subnetId, p);
    const q: Packet = { ...p, srcIp: parseIpv4(nat.privateIp) };
    this.hop({ ...hop, note: `source rewritten to ${nat.privateIp} (NGW_SOURCE_ADDRESS_REASSIGN; the source port is kept in this model)` });
    return this.route(nat.subnetId, { kind: 'nat-gateway', nat }, q);
  }

  private toGatewayEndpoint(endpointId: string, fromSubnet: string, p: Packet): Delivery {
    const ep = this.ix.endpoints.get(endpointId)!;
    const hop: Hop = { component: 'gateway-endpoint', id: ep.id, ...(ep.name ? { name: ep.name } : {}), packet: packetJson(p), note: ep.serviceName };
    const icmpEcho = p.protocol === PROTOCOL.icmp && (p.dstPort === 8 || p.dstPort === 0);
    if (p.protocol !== PROTOCOL.tcp && !icmpEcho) this.drop('VPCE_GATEWAY_PROTOCOL_RESTRICTION', hop, `${ep.id} carries only tcp and ICMP echo`);
    this.acl(fromSubnet, true, p);
    this.hop(hop);
    return { kind: 'service', endpointId: ep.id };
  }

  private outToInternet(vpcId: string, subnetId: string, igwId: string, from: Emitter, p: Packet): Delivery {
    const igw = this.ix.internetGateways.get(igwId)!;
    const hop: Hop = { component: 'internet-gateway', id: igw.id, ...(igw.name ? { name: igw.name } : {}), packet: packetJson(p) };
    if (!igw.vpcIds.includes(vpcId)) this.drop('NO_PATH', hop, `${igw.id} is not attached to ${vpcId}`);
    this.acl(subnetId, true, p);
    const publicIp = from.kind === 'eni' ? from.eni.addresses.find((a) => parseIpv4(a.ip) === p.srcIp)?.publicIp : from.nat.publicIp;
    if (!publicIp) {
      const who = from.kind === 'eni' ? from.eni.id : from.nat.id;
      this.drop('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', hop, `${who} has no public address for ${packetJson(p).srcIp}`);
    }
    if (this.ix.vpcRanges(vpcId).some((r) => p.dstIp >= r.lo && p.dstIp <= r.hi)) {
      this.drop('IGW_DESTINATION_ADDRESS_IN_VPC_CIDRS', hop, `${packetJson(p).dstIp} is inside ${vpcId}`);
    }
    const q: Packet = { ...p, srcIp: parseIpv4(publicIp) };
    this.hop({ ...hop, note: `source rewritten to ${publicIp}` });
    return this.inInternet(q);
  }

  /** A packet on the internet: to a public address of the model, or out to an outside host. */
  private inInternet(p: Packet): Delivery {
    if (this.ix.publicOwner(p.dstIp) || this.ix.natGatewayWithPublicIp(p.dstIp) || this.ix.vpcContaining(p.dstIp)) return this.fromInternet(p);
    const hop: Hop = { component: 'internet', id: 'internet', packet: packetJson(p) };
    if (!isInternetAddress(p.dstIp)) this.drop('NO_PATH', hop, `${packetJson(p).dstIp} is not routed on the internet`);
    this.hop(hop);
    return { kind: 'outside' };
  }

  private fromInternet(p: Packet): Delivery {
    const dst = packetJson(p).dstIp;
    const internet: Hop = { component: 'internet', id: 'internet', packet: packetJson(p) };
    const owner = this.ix.publicOwner(p.dstIp);
    const vpcId = owner?.eni.vpcId ?? this.ix.natGatewayWithPublicIp(p.dstIp)?.vpcId ?? this.ix.vpcContaining(p.dstIp)?.id;
    if (!vpcId) this.drop('NO_PATH', internet, `${dst} is neither a public address nor inside a VPC of the model`);
    const igw = this.ix.internetGatewayOfVpc(vpcId);
    if (!igw) this.drop('NO_PATH', internet, `${vpcId} has no internet gateway`);
    this.hop(internet);
    const hop: Hop = { component: 'internet-gateway', id: igw.id, ...(igw.name ? { name: igw.name } : {}), packet: packetJson(p) };
    if (!isOutsideSourceAllowedAtIgw(p.srcIp, this.ix)) this.drop('IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS', hop, `${packetJson(p).srcIp} is a private or VPC address`);
    if (!owner) {
      const nat = this.ix.natGatewayWithPublicIp(p.dstIp);
      if (nat) this.drop('NO_PATH', hop, `${dst} is the address of NAT gateway ${nat.id}, which accepts no inbound connection`);
      this.drop('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', hop, `${dst} is not the public address of any interface`);
    }
    const q: Packet = { ...p, dstIp: parseIpv4(owner.address.ip) };
    this.hop({ ...hop, note: `destination rewritten to ${owner.address.ip}` });
    const eni = owner.eni;
    this.acl(eni.subnetId, false, q);
    this.securityGroup(eni, 'ingress', q);
    const rt = this.ix.routeTableOfSubnet(eni.subnetId);
    this.obligations.push({ kind: 'route-back', subnetId: eni.subnetId, routeTableId: rt?.id ?? '', expect: { kind: 'internet-gateway', id: igw.id }, at: replyOf(q) });
    this.hop({ component: 'network-interface', id: eni.id, ...(eni.name ? { name: eni.name } : {}), packet: packetJson(q) });
    return { kind: 'interface', eniId: eni.id };
  }
}

/** Follows one packet from a start. */
export function traceForward(ix: NetworkIndex, start: Start, p: Packet): ForwardTrace {
  const t = new Tracer(ix);
  try {
    const delivered = t.run(start, p);
    return { delivered, hops: t.hops, block: null, obligations: t.obligations };
  } catch (e) {
    if (e instanceof Dropped) return { delivered: null, hops: t.hops, block: e.block, obligations: t.obligations };
    throw e;
  }
}

/** Checks the reply of a delivered packet against the stateless hops, last hop first. */
export function traceReturn(ix: NetworkIndex, forward: ForwardTrace): ReturnTrace {
  const hops: Hop[] = [];
  for (let i = forward.obligations.length - 1; i >= 0; i--) {
    const o = forward.obligations[i]!;
    if (o.kind === 'acl') {
      const acl = ix.acls.get(o.aclId)!;
      const d = aclDecide(acl, o.egress, o.at);
      const hop: Hop = { component: 'network-acl', id: acl.id, ...(acl.name ? { name: acl.name } : {}), at: o.subnetId, direction: o.egress ? 'outbound' : 'inbound', rule: aclRuleRef(acl.id, d.entry, acl.source), packet: packetJson(o.at) };
      if (d.action === 'deny') {
        const why = d.entry ? `${hop.direction} rule ${d.entry.ruleNumber} of ${acl.id} denies the reply` : `no ${hop.direction} rule of ${acl.id} allows the reply (final * deny)`;
        return { returned: false, hops, block: { hop, code: 'SUBNET_ACL_RESTRICTION', detail: why } };
      }
      hops.push(hop);
    } else {
      const rt = ix.routeTables.get(o.routeTableId);
      const route = rt ? lookupRoute(rt, o.at.dstIp, ix) : null;
      const hop: Hop = { component: 'route-table', id: o.routeTableId || o.subnetId, ...(rt?.name ? { name: rt.name } : {}), at: o.subnetId, ...(route ? { rule: routeRuleRef(route) } : {}), packet: packetJson(o.at) };
      const ok = route !== null && route.state === 'active' && (o.expect.kind === 'local' ? route.target.kind === 'local' : route.target.kind === 'internet-gateway' && route.target.id === o.expect.id);
      if (!ok) {
        const want = o.expect.kind === 'local' ? 'the local route' : `internet gateway ${o.expect.id}`;
        const code: BlockCode = route === null ? 'NO_ROUTE_TO_DESTINATION' : route.state === 'blackhole' ? 'BAD_STATE_ROUTE' : 'MORE_SPECIFIC_ROUTE';
        return { returned: false, hops, block: { hop, code, detail: `the reply to ${packetJson(o.at).dstIp} is not routed back through ${want}` } };
      }
      hops.push(hop);
    }
  }
  return { returned: true, hops, block: null };
}
