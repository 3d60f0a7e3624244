// The two sides of a direct pair within a VPC, defined once. What sender
// address u delivers to owned address j is the intersection of the sender's
// side at j and the receiver's side at u; the pair tables (vpc-pairs.ts) read
// these sides by runs of addresses, DirectPairs below one pair at a time (the
// findings' rule-use search, which stops at the first pair that answers it).
import { HeaderSets } from '../../packets/header-sets.js';
import type { NetworkInterface } from '../../model/types.js';
import type { Unit } from './types.js';

const { EMPTY } = HeaderSets;

/** A receiving address's filters, each sampled at the VPC's sending addresses (ascending). */
export interface ReceiverSide {
  /** Its subnet, numbered within the VPC. */
  readonly subnet: number;
  /** Its groups' ingress rules (the interface admits their union). */
  readonly groups: readonly Int32Array[];
  /** Its subnet's inbound ACL (null: the subnet has none, and nothing from another subnet gets in). */
  readonly aclIn: Int32Array | null;
  /** Return obligations (null when replies are not read): the route back and the ACL the reply leaves by. */
  readonly back: Int32Array | null;
  readonly aclBack: Int32Array | null;
}

/** A sending address's filters, each sampled at the VPC's owned addresses (ascending). */
export interface SenderSide {
  readonly subnet: number;
  /** Which owned addresses its subnet routes `local` (EMPTY: not delivered directly). */
  readonly mask: Int32Array;
  /** Its groups' egress rules. */
  readonly groups: readonly Int32Array[];
  readonly aclOut: Int32Array | null;
  readonly aclBack: Int32Array | null;
  /** Positions of the interface's own addresses among the owned ones: it does not send to itself over the network. */
  readonly own: readonly number[];
}

/** The union of an interface's groups at position i. */
export function groupsAt(hs: HeaderSets, groups: readonly Int32Array[], i: number): number {
  const K = groups.length;
  let v = K > 0 ? groups[0]![i]! : EMPTY;
  for (let k = 1; k < K; k++) v = hs.or(v, groups[k]![i]!);
  return v;
}

/** What the receiver admits from the sender at position u in subnet `from`. */
export function receiverForward(hs: HeaderSets, R: ReceiverSide, u: number, from: number): number {
  const sg = groupsAt(hs, R.groups, u);
  if (from === R.subnet) return sg;
  return R.aclIn ? hs.and(R.aclIn[u]!, sg) : EMPTY;
}

/** Of what the receiver admits (`f`), what its reply may return by (needs the return obligations). */
export function receiverReturn(hs: HeaderSets, R: ReceiverSide, u: number, from: number, f: number): number {
  if (f === EMPTY) return EMPTY;
  if (from === R.subnet) return hs.and(f, R.back![u]!);
  return hs.and(f, hs.and(R.aclBack![u]!, R.back![u]!));
}

/** What the sender sends to the owned address at position j in subnet `to` (its mask and own addresses aside). */
export function senderForward(hs: HeaderSets, S: SenderSide, j: number, to: number): number {
  const eg = groupsAt(hs, S.groups, j);
  if (to === S.subnet) return eg;
  return S.aclOut ? hs.and(eg, S.aclOut[j]!) : EMPTY;
}

/** Of what the sender sends (`f`), what may come back (before keeping only the protocols with replies). */
export function senderReturn(hs: HeaderSets, S: SenderSide, j: number, to: number, f: number): number {
  if (f === EMPTY || to === S.subnet) return f;
  return hs.and(f, S.aclBack![j]!);
}

/** A VPC's senders (units, ascending) and receivers (owned addresses, ascending), and their sides. */
export interface VpcSides {
  readonly units: readonly Unit[];
  readonly unitIps: readonly number[];
  readonly ips: readonly number[];
  readonly owners: readonly NetworkInterface[];
  /** Each unit's and each owned address's subnet, numbered within the VPC. */
  readonly unitSubnet: Int32Array;
  readonly ownerSubnet: Int32Array;
  /** null: a NAT gateway, which receives nothing directly. */
  receiver(j: number): ReceiverSide | null;
  /** null: its subnet delivers nothing directly within the VPC. */
  sender(u: number): SenderSide | null;
}

/**
 * What a sender delivers to an owned address, one pair at a time (no
 * replies), each side built when first read. For questions that stop at the
 * first pair that answers them, where a whole table would read every pair.
 */
export class DirectPairs {
  private readonly S: (SenderSide | null | undefined)[] = [];
  private readonly R: (ReceiverSide | null | undefined)[] = [];

  constructor(
    private readonly hs: HeaderSets,
    readonly sides: VpcSides,
  ) {}

  /** The headers unit u delivers to owned address j (EMPTY: none); the same as the pair table's forward entry. */
  delivered(u: number, j: number): number {
    const sides = this.sides;
    let S = this.S[u];
    if (S === undefined) S = this.S[u] = sides.sender(u);
    if (!S || S.mask[j] === EMPTY || S.own.includes(j)) return EMPTY;
    const f = senderForward(this.hs, S, j, sides.ownerSubnet[j]!);
    if (f === EMPTY) return EMPTY;
    let R = this.R[j];
    if (R === undefined) R = this.R[j] = sides.receiver(j);
    if (!R) return EMPTY;
    return this.hs.and(f, receiverForward(this.hs, R, u, sides.unitSubnet[u]!));
  }
}
