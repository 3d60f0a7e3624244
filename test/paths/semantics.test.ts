// One test per semantic rule of DESIGN section 4, each on a small network
// written as real describe-* JSON.
import { describe, expect, it } from 'vitest';
import {
  type EntrySpec,
  type PermSpec,
  type RouteSpec,
  acl,
  defaultAcl,
  engineOf,
  eni,
  gatewayEndpoint,
  igw,
  natGateway,
  prefixList,
  routeTable,
  sg,
  subnet,
  vpc,
} from '../support/describe-builder.js';
import type { QueryAnswer } from '../../reachability/paths/query.js';

const V = 'vpc-1';
const ALL_OUT: PermSpec = { proto: '-1', cidrs: ['0.0.0.0/0'] };

interface Net {
  groups?: Record<string, { in?: PermSpec[]; out?: PermSpec[] }>;
  acls?: Record<string, { subnets: string[]; entries: EntrySpec[] }>;
  publicRoutes?: RouteSpec[];
  privateRoutes?: RouteSpec[];
  extra?: Record<string, Record<string, unknown>[]>;
  enis?: Parameters<typeof eni>[0][];
}

/** Public subnet-a (0/0 -> igw), private subnet-b and subnet-c on the main table. */
function network(n: Net = {}) {
  const groups = {
    'sg-web': { in: [{ proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }], out: [ALL_OUT] },
    'sg-app': { in: [{ proto: 'tcp', from: 8080, to: 8080, groups: ['sg-web'] }], out: [ALL_OUT] },
    'sg-db': { in: [{ proto: 'tcp', from: 5432, to: 5432, groups: ['sg-app'] }], out: [] },
    'sg-other': { in: [], out: [ALL_OUT] },
    ...n.groups,
  };
  const enis = n.enis ?? [
    { id: 'eni-web', subnet: 'subnet-a', vpc: V, ip: '10.0.1.10', publicIp: '3.3.3.3', groups: ['sg-web'] },
    { id: 'eni-app', subnet: 'subnet-b', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] },
    { id: 'eni-other', subnet: 'subnet-b', vpc: V, ip: '10.0.2.21', groups: ['sg-other'] },
    { id: 'eni-db', subnet: 'subnet-c', vpc: V, ip: '10.0.3.30', groups: ['sg-db'] },
  ];
  return engineOf({
    Vpcs: [vpc(V, '10.0.0.0/16')],
    Subnets: [subnet('subnet-a', V, '10.0.1.0/24'), subnet('subnet-b', V, '10.0.2.0/24'), subnet('subnet-c', V, '10.0.3.0/24')],
    InternetGateways: [igw('igw-1', V)],
    SecurityGroups: Object.entries(groups).map(([id, g]) => sg(id, V, g.in ?? [], g.out ?? [])),
    NetworkAcls: [
      defaultAcl('acl-default', V),
      ...Object.entries(n.acls ?? {}).map(([id, a]) => acl(id, V, { subnets: a.subnets, entries: a.entries })),
    ],
    RouteTables: [
      routeTable('rtb-main', V, { main: true, routes: n.privateRoutes ?? [], vpcCidr: '10.0.0.0/16' }),
      routeTable('rtb-pub', V, { subnets: ['subnet-a'], routes: n.publicRoutes ?? [{ dest: '0.0.0.0/0', gateway: 'igw-1' }], vpcCidr: '10.0.0.0/16' }),
    ],
    NetworkInterfaces: enis.map(eni),
    ...n.extra,
  });
}

function ask(e: ReturnType<typeof network>, from: string, to: string, protocol = 6, port?: number, srcPort?: [number, number]): QueryAnswer {
  return e.query({ from, to, protocol, ...(port !== undefined ? { ports: { from: port, to: port } } : {}), ...(srcPort ? { srcPorts: { from: srcPort[0], to: srcPort[1] } } : {}) });
}

const components = (a: QueryAnswer) => a.forward.map((h) => h.component);

describe('security groups', () => {
  it('unions the rules of every group on an interface', () => {
    const e = network({
      groups: { 'sg-a': { in: [{ proto: 'tcp', from: 22, to: 22, cidrs: ['10.0.0.0/16'] }] }, 'sg-b': { in: [{ proto: 'tcp', from: 80, to: 80, cidrs: ['10.0.0.0/16'] }] } },
      enis: [
        { id: 'eni-src', subnet: 'subnet-b', vpc: V, ip: '10.0.2.5', groups: ['sg-other'] },
        { id: 'eni-two', subnet: 'subnet-b', vpc: V, ip: '10.0.2.6', groups: ['sg-a', 'sg-b'] },
      ],
    });
    expect(ask(e, 'eni:eni-src', 'eni:eni-two', 6, 22).reachable).toBe(true);
    expect(ask(e, 'eni:eni-src', 'eni:eni-two', 6, 80).reachable).toBe(true);
    const blocked = ask(e, 'eni:eni-src', 'eni:eni-two', 6, 443);
    expect(blocked.reachable).toBe(false);
    expect(blocked.blocked?.code).toBe('ENI_SG_RULES_MISMATCH');
  });

  it('is stateful: the reply leaves a group with no egress rule', () => {
    const a = ask(network(), 'eni:eni-app', 'eni:eni-db', 6, 5432);
    expect(a).toMatchObject({ reachable: true, connectable: true });
  });

  it('a group reference matches the private addresses of the interfaces carrying the group, not their subnet neighbours', () => {
    const e = network();
    expect(ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432).reachable).toBe(true);
    const neighbour = ask(e, 'eni:eni-other', 'eni:eni-db', 6, 5432);
    expect(neighbour.reachable).toBe(false);
    expect(neighbour.blocked).toMatchObject({ code: 'ENI_SG_RULES_MISMATCH', hop: { id: 'sg-db', direction: 'ingress' } });
  });

  it('a group reference does not match a public address', () => {
    const e = network({
      groups: { 'sg-db': { in: [{ proto: 'tcp', from: 5432, to: 5432, groups: ['sg-web'] }], out: [] } },
      enis: [
        { id: 'eni-web', subnet: 'subnet-a', vpc: V, ip: '10.0.1.10', publicIp: '3.3.3.3', groups: ['sg-web'] },
        { id: 'eni-db', subnet: 'subnet-a', vpc: V, ip: '10.0.1.30', publicIp: '4.4.4.4', groups: ['sg-db'] },
      ],
    });
    expect(ask(e, 'eni:eni-web', '10.0.1.30', 6, 5432).reachable).toBe(true);
    const viaInternet = ask(e, 'eni:eni-web', '4.4.4.4', 6, 5432);
    expect(viaInternet.reachable).toBe(false);
    expect(viaInternet.blocked?.code).toBe('ENI_SG_RULES_MISMATCH');
    expect(components(viaInternet)).toContain('internet-gateway');
  });

  it('protocol -1 allows every protocol and port', () => {
    const e = network({ groups: { 'sg-db': { in: [{ proto: '-1', cidrs: ['10.0.2.0/24'] }] } } });
    for (const [proto, port] of [[6, 1], [17, 53], [50, 9], [1, 8]] as const) {
      expect(ask(e, 'eni:eni-app', 'eni:eni-db', proto, port).reachable).toBe(true);
    }
  });

  it('for protocols other than tcp, udp, icmp and icmpv6 the port range is ignored', () => {
    const e = network({ groups: { 'sg-db': { in: [{ proto: '50', from: 0, to: 0, cidrs: ['10.0.2.0/24'] }] } } });
    expect(ask(e, 'eni:eni-app', 'eni:eni-db', 50, 4500).reachable).toBe(true);
    expect(ask(e, 'eni:eni-app', 'eni:eni-db', 51, 0).reachable).toBe(false);
  });

  it('for ICMP FromPort is the type and ToPort the code, -1 meaning any', () => {
    const e = network({ groups: { 'sg-db': { in: [{ proto: 'icmp', from: 8, to: 0, cidrs: ['10.0.2.0/24'] }] }, 'sg-web': { in: [{ proto: 'icmp', from: -1, to: -1, cidrs: ['10.0.0.0/16'] }], out: [ALL_OUT] } } });
    const echo = e.query({ from: 'eni:eni-app', to: 'eni:eni-db', protocol: 1, ports: { from: 8, to: 8 }, srcPorts: { from: 0, to: 0 } });
    expect(echo.reachable).toBe(true);
    expect(e.query({ from: 'eni:eni-app', to: 'eni:eni-db', protocol: 1, ports: { from: 3, to: 3 } }).reachable).toBe(false);
    expect(e.query({ from: 'eni:eni-app', to: 'eni:eni-db', protocol: 1, ports: { from: 8, to: 8 }, srcPorts: { from: 1, to: 1 } }).reachable).toBe(false);
    expect(e.query({ from: 'eni:eni-app', to: 'eni:eni-web', protocol: 1, ports: { from: 3, to: 3 }, srcPorts: { from: 4, to: 4 } }).reachable).toBe(true);
  });

  it('a group read from the API has exactly its listed rules: none means no egress (SG_HAS_NO_RULES)', () => {
    const a = ask(network(), 'eni:eni-db', 'eni:eni-app', 6, 8080);
    expect(a.blocked).toMatchObject({ code: 'SG_HAS_NO_RULES', hop: { direction: 'egress' } });
  });

  it('IPv6 rules are recognised and reported, and allow no IPv4 packet', () => {
    const e = network({ groups: { 'sg-db': { in: [{ proto: 'tcp', from: 5432, to: 5432, ipv6: ['::/0'] }] } } });
    const a = ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432);
    expect(a.reachable).toBe(false);
    expect(a.warnings.join('\n')).toMatch(/::\/0.*IPv6/);
  });
});

describe('network ACLs', () => {
  const denyFirst: EntrySpec[] = [
    { n: 200, egress: false, proto: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [0, 65535] },
    { n: 100, egress: false, proto: '6', action: 'deny', cidr: '0.0.0.0/0', ports: [5432, 5432] },
    { n: 100, egress: true, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
  ];

  it('evaluates entries in ascending rule number whatever the input order; the first match decides', () => {
    const e = network({ acls: { 'acl-db': { subnets: ['subnet-c'], entries: denyFirst } } });
    const a = ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432);
    expect(a.blocked).toMatchObject({ code: 'SUBNET_ACL_RESTRICTION', hop: { id: 'acl-db', direction: 'inbound', rule: { number: 100, action: 'deny' } } });
    const swapped = network({ acls: { 'acl-db': { subnets: ['subnet-c'], entries: denyFirst.map((x) => ({ ...x, n: x.n === 100 && !x.egress ? 300 : x.n })) } } });
    expect(ask(swapped, 'eni:eni-app', 'eni:eni-db', 6, 5432).reachable).toBe(true);
  });

  it('an unmatched packet meets the final deny', () => {
    const e = network({ acls: { 'acl-db': { subnets: ['subnet-c'], entries: [{ n: 100, egress: false, proto: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [22, 22] }] } } });
    const a = ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432);
    expect(a.blocked?.code).toBe('SUBNET_ACL_RESTRICTION');
    expect(a.blocked?.hop.rule?.number).toBeUndefined();
    expect(a.blocked?.detail).toMatch(/final \* deny/);
  });

  it('inbound entries match the source address, outbound entries the destination', () => {
    const entries: EntrySpec[] = [
      { n: 100, egress: false, proto: '6', action: 'allow', cidr: '10.0.2.0/24', ports: [5432, 5432] },
      { n: 100, egress: true, proto: '6', action: 'allow', cidr: '10.0.2.0/24', ports: [1024, 65535] },
    ];
    const e = network({
      groups: { 'sg-db': { in: [{ proto: 'tcp', from: 5432, to: 5432, cidrs: ['10.0.0.0/16'] }] } },
      acls: { 'acl-db': { subnets: ['subnet-c'], entries } },
    });
    expect(ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432)).toMatchObject({ reachable: true, connectable: true });
    const fromPublic = ask(e, 'eni:eni-web', 'eni:eni-db', 6, 5432);
    expect(fromPublic.blocked).toMatchObject({ code: 'SUBNET_ACL_RESTRICTION', hop: { id: 'acl-db', direction: 'inbound' } });
  });

  it('is stateless: the reply needs its own allow, on the client port', () => {
    const entries: EntrySpec[] = [
      { n: 100, egress: false, proto: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [5432, 5432] },
      { n: 100, egress: true, proto: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [32768, 60999] },
    ];
    const e = network({ acls: { 'acl-db': { subnets: ['subnet-c'], entries } } });
    const linux = ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432, [32768, 60999]);
    expect(linux).toMatchObject({ reachable: true, connectable: true });
    const low = ask(e, 'eni:eni-app', 'eni:eni-db', 6, 5432, [1024, 2000]);
    expect(low).toMatchObject({ reachable: true, connectable: false });
    expect(low.blocked).toMatchObject({ code: 'SUBNET_ACL_RESTRICTION', hop: { id: 'acl-db', direction: 'outbound' } });
    expect(low.return.length).toBeGreaterThan(0);
  });

  it('traffic between two interfaces of one subnet passes no ACL', () => {
    const denyAll: EntrySpec[] = [
      { n: 100, egress: false, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
      { n: 100, egress: true, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
    ];
    const e = network({ groups: { 'sg-other': { in: [{ proto: 'tcp', from: 22, to: 22, cidrs: ['10.0.0.0/16'] }], out: [ALL_OUT] } }, acls: { 'acl-b': { subnets: ['subnet-b'], entries: denyAll } } });
    const a = ask(e, 'eni:eni-app', 'eni:eni-other', 6, 22);
    expect(a).toMatchObject({ reachable: true, connectable: true });
    expect(components(a)).not.toContain('network-acl');
    expect(ask(e, 'eni:eni-web', 'eni:eni-other', 6, 22).blocked?.code).toBe('SUBNET_ACL_RESTRICTION');
  });

  it("a subnet without an explicit association uses the VPC's default ACL", () => {
    const a = ask(network(), 'eni:eni-app', 'eni:eni-db', 6, 5432);
    const acls = a.forward.filter((h) => h.component === 'network-acl');
    expect(acls.map((h) => h.id)).toEqual(['acl-default', 'acl-default']);
  });
});

describe('routes', () => {
  it("a subnet without an explicit association uses the VPC's main route table; no route means dropped", () => {
    const a = ask(network(), 'eni:eni-app', '8.8.8.8', 6, 443);
    expect(a.blocked).toMatchObject({ code: 'NO_ROUTE_TO_DESTINATION' });
    expect(a.forward.some((h) => h.component === 'route-table')).toBe(false);
  });

  it('the longest prefix wins, whatever the route order', () => {
    const e = network({ publicRoutes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }, { dest: '8.8.8.0/24', gateway: 'igw-1', state: 'blackhole' }] });
    expect(ask(e, 'eni:eni-web', '8.8.8.8', 6, 443).blocked?.code).toBe('BAD_STATE_ROUTE');
    const other = ask(e, 'eni:eni-web', '8.8.4.4', 6, 443);
    expect(other.reachable).toBe(true);
    expect(other.forward.find((h) => h.component === 'route-table')?.rule?.destination).toBe('0.0.0.0/0');
  });

  it('the local route covers the VPC: an address no interface owns is dropped (NO_PATH)', () => {
    const a = ask(network(), 'eni:eni-app', '10.0.3.99', 6, 5432);
    expect(a.blocked?.code).toBe('NO_PATH');
  });
});

describe('internet gateway', () => {
  it('delivers inbound packets only to public addresses', () => {
    const e = network();
    expect(ask(e, 'internet', '3.3.3.3', 6, 443)).toMatchObject({ reachable: true, connectable: true });
    expect(ask(e, 'internet', '10.0.1.10', 6, 443).blocked?.code).toBe('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');
  });

  it('sends outbound packets only from interfaces with a public address', () => {
    const e = network({ enis: [{ id: 'eni-priv', subnet: 'subnet-a', vpc: V, ip: '10.0.1.11', groups: ['sg-web'] }] });
    expect(ask(e, 'eni:eni-priv', '8.8.8.8', 6, 443).blocked?.code).toBe('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  });

  it('drops inbound packets from private source addresses', () => {
    expect(ask(network(), '192.168.1.1', 'eni:eni-web', 6, 443).blocked?.code).toBe('IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS');
  });

  it('rewrites the source to the public address on the way out', () => {
    const a = ask(network(), 'eni:eni-web', '8.8.8.8', 6, 443);
    expect(a.forward.find((h) => h.component === 'internet-gateway')?.note).toMatch(/3\.3\.3\.3/);
  });

  it('an inbound packet needs no route in its subnet, but its reply does', () => {
    const e = network({ publicRoutes: [] });
    const a = ask(e, 'internet', 'eni:eni-web', 6, 443);
    expect(a).toMatchObject({ reachable: true, connectable: false });
    expect(a.blocked).toMatchObject({ code: 'NO_ROUTE_TO_DESTINATION', hop: { component: 'route-table' } });
  });
});

describe('NAT, endpoints', () => {
  const natNet = (sourceDestCheck: boolean, natIngress: PermSpec[]) =>
    network({
      groups: { 'sg-nat': { in: natIngress, out: [ALL_OUT] } },
      privateRoutes: [{ dest: '0.0.0.0/0', instance: 'i-nat', eni: 'eni-nat' }],
      enis: [
        { id: 'eni-app', subnet: 'subnet-b', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] },
        { id: 'eni-nat', subnet: 'subnet-a', vpc: V, ip: '10.0.1.5', publicIp: '5.5.5.5', groups: ['sg-nat'], sourceDestCheck, instance: 'i-nat' },
      ],
    });

  it('a NAT instance forwards with its source/destination check off and rewrites the source', () => {
    const a = ask(natNet(false, [{ proto: 'tcp', from: 0, to: 65535, cidrs: ['10.0.2.0/24'] }]), 'eni:eni-app', '8.8.8.8', 6, 443);
    expect(a).toMatchObject({ reachable: true, connectable: true });
    expect(a.forward.find((h) => h.component === 'nat-instance')?.note).toMatch(/10\.0\.1\.5/);
    expect(a.forward.find((h) => h.component === 'internet-gateway')?.note).toMatch(/5\.5\.5\.5/);
  });

  it('a NAT instance with its source/destination check on forwards nothing', () => {
    const a = ask(natNet(true, [{ proto: 'tcp', from: 0, to: 65535, cidrs: ['10.0.2.0/24'] }]), 'eni:eni-app', '8.8.8.8', 6, 443);
    expect(a.blocked?.code).toBe('ENI_SOURCE_DEST_CHECK_RESTRICTION');
  });

  it('a route to an interface does not take packets addressed to that interface: they arrive as by the local route', () => {
    // 10.0.1.0/24 is routed to the NAT instance, which owns 10.0.1.5 in it. Packets to 10.0.1.5
    // are the instance's own: delivered, the source kept, even with its check on.
    const e = network({
      groups: { 'sg-nat': { in: [{ proto: 'tcp', from: 22, to: 22, cidrs: ['10.0.2.0/24'] }], out: [] } },
      privateRoutes: [{ dest: '10.0.1.0/24', instance: 'i-nat', eni: 'eni-nat' }],
      enis: [
        { id: 'eni-app', subnet: 'subnet-b', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] },
        { id: 'eni-nat', subnet: 'subnet-a', vpc: V, ip: '10.0.1.5', groups: ['sg-nat'], sourceDestCheck: true, instance: 'i-nat' },
      ],
    });
    const own = ask(e, 'eni:eni-app', '10.0.1.5', 6, 22);
    expect(own).toMatchObject({ reachable: true, connectable: true, witness: { srcIp: '10.0.2.20' } });
    expect(components(own)).not.toContain('nat-instance');
    expect(own.forward.find((h) => h.component === 'route-table')?.rule?.destination).toBe('10.0.0.0/16');
    // Other addresses of the range still go to the instance, which forwards nothing.
    expect(ask(e, 'eni:eni-app', '10.0.1.6', 6, 22).blocked?.code).toBe('ENI_SOURCE_DEST_CHECK_RESTRICTION');
  });

  it("the NAT instance's own security group applies", () => {
    const a = ask(natNet(false, [{ proto: 'tcp', from: 443, to: 443, cidrs: ['10.0.2.0/24'] }]), 'eni:eni-app', '8.8.8.8', 6, 80);
    expect(a.blocked).toMatchObject({ code: 'ENI_SG_RULES_MISMATCH', hop: { id: 'sg-nat', direction: 'ingress' } });
  });

  it('a NAT gateway rewrites the source and the reply comes back through it', () => {
    const e = network({
      privateRoutes: [{ dest: '0.0.0.0/0', nat: 'nat-1' }],
      extra: { NatGateways: [natGateway('nat-1', V, 'subnet-a', '10.0.1.99', '6.6.6.6', 'eni-natgw')] },
      enis: [
        { id: 'eni-app', subnet: 'subnet-b', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] },
        { id: 'eni-natgw', subnet: 'subnet-a', vpc: V, ip: '10.0.1.99', groups: [], type: 'nat_gateway' },
      ],
    });
    const a = ask(e, 'eni:eni-app', '8.8.8.8', 6, 443);
    expect(a).toMatchObject({ reachable: true, connectable: true });
    expect(a.forward.find((h) => h.component === 'internet-gateway')?.note).toMatch(/6\.6\.6\.6/);
    expect(ask(e, 'internet', '6.6.6.6', 6, 443).reachable).toBe(false);
  });

  it('a gateway endpoint is reached through its prefix-list route and carries only tcp and ICMP echo', () => {
    const e = network({
      privateRoutes: [{ dest: 'pl-s3', gateway: 'vpce-s3' }],
      extra: { VpcEndpoints: [gatewayEndpoint('vpce-s3', V, 'com.amazonaws.eu-central-1.s3', ['rtb-main'])], PrefixLists: [prefixList('pl-s3', 'com.amazonaws.eu-central-1.s3', ['52.219.0.0/16'])] },
    });
    const a = ask(e, 'eni:eni-app', '52.219.1.1', 6, 443);
    expect(a).toMatchObject({ reachable: true, connectable: true });
    expect(a.forward.at(-1)?.component).toBe('gateway-endpoint');
    expect(ask(e, 'eni:eni-app', '52.219.1.1', 17, 53).blocked?.code).toBe('VPCE_GATEWAY_PROTOCOL_RESTRICTION');
    expect(ask(e, 'eni:eni-app', '52.220.1.1', 6, 443).blocked?.code).toBe('NO_ROUTE_TO_DESTINATION');
  });

  it('an interface endpoint starts no connection', () => {
    const e = network({ enis: [{ id: 'eni-vpce', subnet: 'subnet-b', vpc: V, ip: '10.0.2.40', groups: ['sg-other'], type: 'vpc_endpoint' }, { id: 'eni-db', subnet: 'subnet-c', vpc: V, ip: '10.0.3.30', groups: ['sg-db'] }] });
    expect(ask(e, 'eni:eni-vpce', 'eni:eni-db', 6, 5432).blocked?.code).toBe('VPCE_INTRA_VPC_TRAFFIC');
  });
});

describe('verdicts over several ends', () => {
  it('holds when it holds for at least one source', () => {
    const e = network({ groups: { 'sg-db': { in: [{ proto: 'tcp', from: 5432, to: 5432, cidrs: ['10.0.2.21/32'] }] } } });
    const a = ask(e, 'subnet:subnet-b', 'eni:eni-db', 6, 5432);
    expect(a.reachable).toBe(true);
    expect(a.witness?.srcIp).toBe('10.0.2.21');
  });

  it('an end with no interface is NO_SOURCE_OR_DESTINATION', () => {
    const e = network({ enis: [{ id: 'eni-app', subnet: 'subnet-b', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] }] });
    expect(ask(e, 'subnet:subnet-c', 'eni:eni-app', 6, 8080).blocked?.code).toBe('NO_SOURCE_OR_DESTINATION');
  });
});
