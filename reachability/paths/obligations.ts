// What the reply to a delivered packet must get through on its way back.
// Security groups are stateful (no obligation); network ACLs are not, and the
// reply needs a route back to where the request came from.
export type RouteBack = { readonly kind: 'local' } | { readonly kind: 'internet-gateway'; readonly id: string };

export type ObligationKind =
  | { readonly kind: 'acl'; readonly subnetId: string; readonly aclId: string; readonly egress: boolean }
  | { readonly kind: 'route-back'; readonly subnetId: string; readonly routeTableId: string; readonly expect: RouteBack };

/** An obligation plus how to see the reply at that point: `T` is a packet (concrete) or a rewrite (symbolic). */
export type Obligation<T> = ObligationKind & { readonly at: T };
