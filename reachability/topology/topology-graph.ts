// The network's routing as a directed graph (graphlib): subnets sit in VPCs,
// each subnet's route table sends shares of the address space to targets,
// internet gateways join VPCs to the internet. Edges out of a subnet carry the
// exact destination ranges their route wins, so the symbolic search walks the
// graph instead of re-deriving routes per packet set. Interfaces are not
// nodes: a search starts at an interface's subnet, and an estate's tens of
// thousands of interfaces made building the graph over a second (8S).
import graphlib from 'graphlib';
import type { Route } from '../model/types.js';
import type { Ipv4Range } from '../packets/addresses.js';
import { type RouteShare, routePartition } from '../filters/routes.js';
import type { NetworkIndex } from './network-index.js';

export interface RouteEdge {
  readonly kind: 'route';
  readonly route: Route;
  readonly ranges: readonly Ipv4Range[];
}

export interface AttachEdge {
  readonly kind: 'attach';
}

export type EdgeLabel = RouteEdge | AttachEdge;

export const INTERNET_NODE = 'internet';

export function subnetNode(id: string): string {
  return `subnet:${id}`;
}

function targetNode(route: Route, vpcId: string): string {
  const t = route.target;
  switch (t.kind) {
    case 'local':
      return `vpc:${vpcId}`;
    case 'instance':
      return `instance:${t.instanceId}`;
    case 'network-interface':
      return `eni:${t.eniId}`;
    default:
      return `${t.kind}:${t.id}`;
  }
}

export class TopologyGraph {
  private readonly partitions = new Map<string, RouteShare[]>();
  private readonly routeEdges = new Map<string, RouteEdge[]>();
  private built: graphlib.Graph | undefined;

  constructor(private readonly ix: NetworkIndex) {}

  /**
   * The whole network as a graphlib multigraph (built on first use: the
   * searches only read the route edges, which routesFrom serves directly).
   */
  get graph(): graphlib.Graph {
    if (!this.built) this.built = this.build();
    return this.built;
  }

  private build(): graphlib.Graph {
    const ix = this.ix;
    // A multigraph: one subnet may reach one target through several routes.
    const graph = new graphlib.Graph({ directed: true, multigraph: true });
    graph.setNode(INTERNET_NODE);
    for (const vpc of ix.vpcs.values()) graph.setNode(`vpc:${vpc.id}`);
    for (const subnet of ix.subnets.values()) {
      graph.setNode(subnetNode(subnet.id), subnet);
      graph.setEdge(subnetNode(subnet.id), `vpc:${subnet.vpcId}`, { kind: 'attach' } satisfies AttachEdge, 'attach');
      const rt = ix.routeTableOfSubnet(subnet.id);
      if (!rt) continue;
      for (const share of this.partition(rt.id)) {
        const label: RouteEdge = { kind: 'route', route: share.route, ranges: share.ranges };
        graph.setEdge(subnetNode(subnet.id), targetNode(share.route, subnet.vpcId), label, `route:${rt.id}:${share.route.index}`);
      }
    }
    for (const igw of ix.internetGateways.values()) {
      for (const v of igw.vpcIds) {
        graph.setEdge(`internet-gateway:${igw.id}`, INTERNET_NODE, { kind: 'attach' } satisfies AttachEdge, 'attach');
        graph.setEdge(INTERNET_NODE, `vpc:${v}`, { kind: 'attach' } satisfies AttachEdge, `attach:${igw.id}`);
      }
    }
    return graph;
  }

  /** The route table's exact split of the address space, computed once per table. */
  partition(routeTableId: string): RouteShare[] {
    let shares = this.partitions.get(routeTableId);
    if (!shares) {
      shares = routePartition(this.ix.routeTables.get(routeTableId)!, this.ix);
      this.partitions.set(routeTableId, shares);
    }
    return shares;
  }

  /** The route edges out of a subnet read from the graphlib multigraph (the per-query search walks this). */
  routeEdgesInGraph(subnetId: string): RouteEdge[] {
    const g = this.graph;
    const edges: RouteEdge[] = [];
    for (const e of g.outEdges(subnetNode(subnetId)) ?? []) {
      const label = g.edge(e) as EdgeLabel;
      if (label.kind === 'route') edges.push(label);
    }
    return edges.sort((a, b) => a.route.index - b.route.index);
  }

  /** The route edges out of a subnet, each with the destination ranges it wins (the graph's route edges, by route index). */
  routesFrom(subnetId: string): RouteEdge[] {
    let edges = this.routeEdges.get(subnetId);
    if (!edges) {
      edges = [];
      const rt = this.ix.subnets.has(subnetId) ? this.ix.routeTableOfSubnet(subnetId) : undefined;
      if (rt) for (const share of this.partition(rt.id)) edges.push({ kind: 'route', route: share.route, ranges: share.ranges });
      edges.sort((a, b) => a.route.index - b.route.index);
      this.routeEdges.set(subnetId, edges);
    }
    return [...edges];
  }
}
