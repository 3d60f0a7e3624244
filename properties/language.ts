// The property language: declarative, like AWS Network Access Analyzer scopes
// but with an assertion. A property is data; its meaning is in check.ts.
//
// Endpoints are written as on the command line (internet, an address, a CIDR,
// eni:ID, sg:ID-or-name, subnet:ID-or-name), plus `*` (every interface and the
// internet) and `tier:NAME` (the subnets whose name carries the tier).
// Traffic: protocols (tcp, udp, icmp, all or a number) and destination ports
// (`443`, `8000-8003`); absent means all traffic.
// Components for `via`: a kind (nat-instance, nat-gateway, internet-gateway,
// gateway-endpoint) or a component id.

export interface Traffic {
  readonly protocols?: readonly string[];
  readonly ports?: readonly string[];
  readonly srcPorts?: readonly string[];
}

interface Base {
  readonly id: string;
  /** One line a reviewer can read: why the property matters. */
  readonly reason: string;
  /** Stacks the property applies to (default: all). */
  readonly stacks?: readonly string[];
}

interface Flow {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly traffic?: Traffic;
  /** Only paths through one of these components are in scope. */
  readonly via?: readonly string[];
  /** Paths through any of these components are out of scope. */
  readonly notVia?: readonly string[];
}

/** No packet of the space is delivered (both ways when bothWays is set). */
export interface NoneProperty extends Base, Flow {
  readonly assert: 'none';
  readonly bothWays?: boolean;
}

/** Nothing outside the allowed sources, destinations, traffic and paths is delivered. */
export interface OnlyProperty extends Base, Flow {
  readonly assert: 'only';
  readonly allowed: {
    readonly from?: readonly string[];
    readonly to?: readonly string[];
    readonly traffic?: Traffic;
    /** Delivered packets must have crossed one of these components. */
    readonly via?: readonly string[];
  };
}

/** Some flow of the space is connectable (delivered, and its reply returns). */
export interface MustProperty extends Base, Flow {
  readonly assert: 'must';
}

/** An endpoint exists (has at least one interface), or does not. */
export interface InventoryProperty extends Base {
  readonly assert: 'exists' | 'absent';
  readonly endpoint: string;
}

export type FlowProperty = NoneProperty | OnlyProperty | MustProperty;
export type Property = FlowProperty | InventoryProperty;

export function isInventory(p: Property): p is InventoryProperty {
  return p.assert === 'exists' || p.assert === 'absent';
}

export type Verdict = 'PROVED' | 'VIOLATED' | 'UNDECIDED';
