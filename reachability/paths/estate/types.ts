// The shapes the whole-estate flows are made of: legs (a sender's path up to a
// hand-off) and hand-offs, sending units, per-VPC pair tables, the flows
// through NAT back into a VPC, public receivers, and units' legs out of the VPC.
import type { NatGateway, NetworkInterface } from '../../model/types.js';
import type { NetworkIndex } from '../../topology/network-index.js';
import type { TopologyGraph } from '../../topology/topology-graph.js';
import type { AclRegions } from '../../filters/network-acl.js';
import type { AddressMap } from '../../packets/address-maps.js';

/** What the flows need of an engine (ReachabilityEngine satisfies it). */
export interface FlowEngine {
  readonly ix: NetworkIndex;
  readonly graph: TopologyGraph;
  readonly ctx: { readonly acl: AclRegions };
}

/** A sender's path template after its security group, up to a hand-off. */
export interface Leg {
  /** Filters over the destination address (never rewritten before a hand-off). */
  readonly F: AddressMap;
  /** Return obligations over the destination address. */
  readonly B: AddressMap;
  /** Filters over the sender's own address, met before any source rewrite. */
  readonly SF: AddressMap;
  /** Return obligations over the sender's own address. */
  readonly SB: AddressMap;
  /** Filters met at a rewritten (fixed) source, or on headers alone. */
  readonly cF: number;
  readonly cB: number;
  /** The source after a NAT gateway or instance rewrote it. */
  readonly src?: number;
  readonly forwarders: readonly string[];
  readonly via: readonly string[];
}

export type Handoff =
  /** Routed `local` in a subnet: delivered to the owners of the addresses in its VPC. */
  | { readonly kind: 'local'; readonly vpcId: string; readonly subnetId: string; readonly leg: Leg; readonly direct: boolean }
  /** Out of an internet gateway with the source rewritten to a public address ('own': the sender's own). */
  | { readonly kind: 'internet'; readonly leg: Leg; readonly publicSrc: number | 'own' }
  /** Delivered to a gateway endpoint's service. */
  | { readonly kind: 'service'; readonly endpointId: string; readonly leg: Leg };

export type Emitter = { kind: 'units' } | { kind: 'eni'; eni: NetworkInterface } | { kind: 'nat-gateway'; nat: NatGateway };

/** One address an interface sends from. */
export interface Unit {
  readonly eni: NetworkInterface;
  readonly ip: number;
  /** Its public address, if it has one. */
  readonly pub: number | undefined;
  /** Position in the flows' list of every unit. */
  readonly index: number;
}

/** The direct flows within one VPC: every (sender address, receiver address) pair. */
export interface VpcPairs {
  readonly vpcId: string;
  /** Sending addresses, by ascending address. */
  readonly units: readonly Unit[];
  /** Owned private addresses, ascending, and their interfaces. */
  readonly ips: readonly number[];
  readonly owners: readonly NetworkInterface[];
  /**
   * Pair (u, j) has entry e = entry[u * ips.length + j] (0: nothing delivered):
   * entryF[e] is the delivered headers, entryB[e] those of them (tcp and udp)
   * whose reply returns. `entry` is a buffer the next vpcPairs call reuses
   * (a VPC's table is millions of values; allocating one per VPC kept the
   * garbage collector busy): read it before asking for another VPC (reading
   * `entry` after that throws; hold the array itself only within the VPC's loop).
   */
  readonly entry: Int32Array;
  readonly entryF: readonly number[];
  readonly entryB: readonly number[];
}

/** A flow through a NAT gateway or instance back into a VPC (the source rewritten to c). */
export interface IndirectPair {
  readonly unit: Unit;
  readonly vpcId: string;
  readonly j: number;
  readonly c: number;
  readonly fwd: number;
  readonly con: number;
  readonly handoff: Handoff;
}

/** A public address of an interface, as the internet reaches it. */
export interface PublicReceiver {
  readonly ip: number;
  readonly eni: NetworkInterface;
  /** Over the current source address: what is delivered, and what of it returns. Empty when no gateway lets it in. */
  readonly inF: AddressMap;
  readonly inB: AddressMap;
}

/** A unit's leg to the internet. */
export interface InternetLeg {
  readonly unit: Unit;
  readonly handoff: Handoff & { kind: 'internet' };
  /** The public source the receivers see. */
  readonly c: number;
  /** The sender's own-address factors (and the leg's fixed ones): filters, and return obligations. */
  readonly k: number;
  readonly kB: number;
}

/** A unit's leg to a gateway endpoint's service. */
export interface ServiceLeg {
  readonly unit: Unit;
  readonly handoff: Handoff & { kind: 'service' };
  readonly k: number;
  readonly kB: number;
}

export type UnitLeg = InternetLeg | ServiceLeg;
