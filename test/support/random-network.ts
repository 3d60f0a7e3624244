// fast-check arbitraries for random networks written as describe-* JSON, and
// for packets drawn from the addresses and ports that matter in them.
import fc from 'fast-check';
import {
  type EntrySpec,
  type PermSpec,
  type RouteSpec,
  acl,
  eni,
  gatewayEndpoint,
  igw,
  natGateway,
  prefixList,
  routeTable,
  sg,
  subnet,
  vpc,
} from './describe-builder.js';

type Json = Record<string, unknown>;

const CIDRS = ['0.0.0.0/0', '10.0.0.0/16', '10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.1.10/32', '3.0.0.0/8', '8.8.8.0/24', '192.168.0.0/16', '10.1.0.0/16', '52.0.0.0/8', '10.2.0.0/16'];
/** vpc-1 has a secondary CIDR block, with subnet-4 in it. */
const VPC1_CIDRS = ['10.0.0.0/16', '10.2.0.0/16'];
const VPC1_SUBNETS = ['subnet-0', 'subnet-1', 'subnet-2', 'subnet-3', 'subnet-4'];
const PORTS: [number, number][] = [[0, 65535], [22, 22], [80, 80], [443, 443], [1024, 65535], [32768, 60999], [5432, 5432], [0, 1023]];
const ICMP: [number, number][] = [[8, 0], [-1, -1], [3, -1], [0, 0]];
const PROTOS = ['tcp', 'udp', 'icmp', '-1', '50'];
const ACL_PROTOS = ['6', '17', '1', '-1', '50'];

export const ADDRESS_POOL = [
  '10.0.0.10', '10.0.0.11', '10.0.1.10', '10.0.1.11', '10.0.2.10', '10.0.2.11', '10.0.3.10', '10.0.1.200',
  '10.1.0.10', '10.1.0.99', '3.0.0.1', '3.0.0.2', '3.0.0.3', '3.0.0.4', '3.0.0.200', '6.6.6.6',
  '8.8.8.8', '52.1.1.1', '192.168.1.1', '1.2.3.4', '0.0.0.1', '224.0.0.5',
  // Second addresses interfaces may hold.
  '10.0.0.210', '10.0.1.211', '10.0.2.210', '10.0.3.211', '10.1.0.210',
  // In vpc-1's secondary CIDR block.
  '10.2.0.10', '10.2.0.11', '10.2.0.210', '10.2.0.99',
];
export const PORT_POOL = [0, 8, 22, 80, 443, 1023, 1024, 5432, 32768, 60999, 65535];
export const PROTOCOL_POOL = [6, 17, 1, 50];

const perm = (groups: string[]): fc.Arbitrary<PermSpec> =>
  fc.record({
    proto: fc.constantFrom(...PROTOS),
    ports: fc.constantFrom(...PORTS),
    icmp: fc.constantFrom(...ICMP),
    // Peers: a CIDR, a group, or now and then a prefix list (the S3 one, a customer one
    // over VPC and outside addresses, or one the snapshot does not list).
    peer: fc.oneof(
      { arbitrary: fc.constantFrom(...CIDRS).map((c): Peer => ({ cidrs: [c] })), weight: 4 },
      ...(groups.length > 0 ? [{ arbitrary: fc.constantFrom(...groups).map((g): Peer => ({ groups: [g] })), weight: 4 }] : []),
      { arbitrary: fc.constantFrom('pl-1', 'pl-2', 'pl-2', 'pl-gone').map((id): Peer => ({ prefixLists: [id] })), weight: 1 },
    ),
  }).map(({ proto, ports, icmp, peer }) => {
    const p = proto === 'icmp' ? { from: icmp[0], to: icmp[1] } : proto === '-1' ? {} : { from: ports[0], to: ports[1] };
    return { proto, ...p, ...peer };
  });

type Peer = Pick<PermSpec, 'cidrs' | 'groups' | 'prefixLists'>;

const entries = (egress: boolean): fc.Arbitrary<EntrySpec[]> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 0, maxLength: 5 })
    .chain((numbers) =>
      fc.tuple(
        ...numbers.map((n) =>
          fc.record({ proto: fc.constantFrom(...ACL_PROTOS), action: fc.constantFrom<'allow' | 'deny'>('allow', 'deny', 'allow'), cidr: fc.constantFrom(...CIDRS), ports: fc.constantFrom(...PORTS), icmp: fc.constantFrom(...ICMP) }).map(
            (e): EntrySpec => ({ n, egress, proto: e.proto, action: e.action, cidr: e.cidr, ...(e.proto === '6' || e.proto === '17' ? { ports: e.ports } : {}), ...(e.proto === '1' ? { icmp: e.icmp } : {}) }),
          ),
        ),
      ),
    )
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))
    .map((list) => [...list, { n: 32767, egress, proto: '-1', action: 'deny' as const, cidr: '0.0.0.0/0' }]);

const ALL_OUT: PermSpec = { proto: '-1', cidrs: ['0.0.0.0/0'] };

function natGroup(f: { open: boolean; ingress: PermSpec[]; egress: PermSpec[] }): Json {
  const ingress: PermSpec[] = f.open ? [{ proto: '-1', cidrs: ['10.0.0.0/16'] }, ...f.ingress] : f.ingress;
  const egress: PermSpec[] = f.open ? [ALL_OUT, ...f.egress] : f.egress;
  return sg('sg-nat', 'vpc-1', ingress, egress);
}

export interface RandomNetwork {
  readonly byKey: Record<string, Json[]>;
  readonly eniIds: string[];
}

const SUBNETS = [
  { id: 'subnet-0', vpc: 'vpc-1', cidr: '10.0.0.0/24', base: '10.0.0.' },
  { id: 'subnet-1', vpc: 'vpc-1', cidr: '10.0.1.0/24', base: '10.0.1.' },
  { id: 'subnet-2', vpc: 'vpc-1', cidr: '10.0.2.0/24', base: '10.0.2.' },
  { id: 'subnet-3', vpc: 'vpc-1', cidr: '10.0.3.0/24', base: '10.0.3.' },
  { id: 'subnet-4', vpc: 'vpc-1', cidr: '10.2.0.0/24', base: '10.2.0.' },
  { id: 'subnet-9', vpc: 'vpc-2', cidr: '10.1.0.0/24', base: '10.1.0.' },
];
const GROUPS_1 = ['sg-a', 'sg-b', 'sg-c'];
const GROUPS_2 = ['sg-z'];

export const randomNetwork: fc.Arbitrary<RandomNetwork> = fc
  .record({
    igw1: fc.boolean(),
    igw2: fc.boolean(),
    // An incomplete snapshot now and then: vpc-2's default ACL or main route table left out
    // (AWS always has them; the engine drops what would cross the missing one).
    vpc2Missing: fc.constantFrom('nothing', 'nothing', 'nothing', 'nothing', 'nothing', 'nothing', 'acl', 'table'),
    nat: fc.boolean(),
    enis: fc.uniqueArray(
      fc.record({
        subnet: fc.constantFrom(...SUBNETS),
        host: fc.constantFrom(10, 11),
        public: fc.boolean(),
        groups: fc.subarray(GROUPS_1, { minLength: 1, maxLength: 2 }),
        sdc: fc.boolean(),
        type: fc.constantFrom('interface', 'interface', 'interface', 'vpc_endpoint'),
        secondary: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6, selector: (e) => `${e.subnet.id}-${e.host}` },
    ),
    // allOut: the egress rule AWS gives every new group (all traffic anywhere), kept by most.
    groupRules: fc.tuple(...[...GROUPS_1, ...GROUPS_2].map((g) => fc.record({ ingress: fc.array(perm(g === 'sg-z' ? GROUPS_2 : GROUPS_1), { maxLength: 4 }), egress: fc.array(perm(g === 'sg-z' ? GROUPS_2 : GROUPS_1), { maxLength: 3 }), allOut: fc.boolean() }))),
    defaultAcl: fc.record({ inbound: entries(false), outbound: entries(true), permissive: fc.boolean() }),
    customAcls: fc.array(fc.record({ inbound: entries(false), outbound: entries(true), subnets: fc.subarray(VPC1_SUBNETS) }), { maxLength: 2 }),
    // A NAT instance set up as one is: the first interface of vpc-1 forwards (no
    // source/destination check), other subnets route some destinations to it, and its own
    // subnet routes to the internet gateway. Random tables alone almost never line these up.
    forwarder: fc.option(
      fc.record({
        subnets: fc.subarray(VPC1_SUBNETS, { minLength: 1 }),
        dests: fc.subarray(['0.0.0.0/0', '8.8.8.0/24', '10.0.2.0/24', '3.0.0.0/8', '10.1.0.0/16', 'pl-1'], { minLength: 1, maxLength: 3 }),
        public: fc.boolean(),
        // Its own group: open (all from the VPC in, all out, as a NAT instance is usually set up)
        // or not, with a few random rules more; and maybe the shared groups too.
        open: fc.boolean(),
        ingress: fc.array(perm(GROUPS_1), { maxLength: 2 }),
        egress: fc.array(perm(GROUPS_1), { maxLength: 2 }),
        shared: fc.boolean(),
        // Sometimes an interface that starts nothing itself (an endpoint's) yet forwards.
        type: fc.constantFrom('interface', 'interface', 'interface', 'vpc_endpoint'),
      }),
      { freq: 2 },
    ),
    // A NAT gateway set up as one is (when there is one): its subnet routes to the internet
    // gateway, other subnets route some destinations to it, and maybe S3 to the gateway endpoint.
    natRoutes: fc.option(
      fc.record({
        subnets: fc.subarray(VPC1_SUBNETS.slice(1), { minLength: 1 }),
        dests: fc.subarray(['0.0.0.0/0', '8.8.8.0/24', '10.0.2.0/24', '3.0.0.0/8', '10.1.0.0/16'], { minLength: 1, maxLength: 3 }),
        endpoint: fc.boolean(),
        openAcl: fc.boolean(),
      }),
      { freq: 2 },
    ),
    tables: fc.array(
      fc.record({
        subnets: fc.subarray(VPC1_SUBNETS),
        routes: fc.uniqueArray(
          fc.record({ dest: fc.constantFrom('0.0.0.0/0', '8.8.8.0/24', '10.0.2.0/24', '3.0.0.0/8', '10.1.0.0/16', 'pl-1'), target: fc.constantFrom('igw', 'nat', 'eni0', 'eni1', 'blackhole', 'vpce', 'vgw') }),
          { maxLength: 4, selector: (r) => r.dest },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((r) => {
    const fwdIndex = r.forwarder ? r.enis.findIndex((e) => e.subnet.vpc === 'vpc-1') : -1;
    const ngw = r.nat ? r.natRoutes : null;
    // An open forwarder is a working NAT instance (a public address, a way out, an open default
    // ACL); a NAT gateway with routes to it has its way out too.
    const igw1 = r.igw1 || (fwdIndex >= 0 && r.forwarder!.open) || !!ngw;
    const enis = r.enis.map((e, i) => ({
      id: `eni-${i}`,
      subnet: e.subnet.id,
      vpc: e.subnet.vpc,
      ip: `${e.subnet.base}${e.host}`,
      ...((i === fwdIndex ? r.forwarder!.public || r.forwarder!.open : e.public) ? { publicIp: `3.0.0.${i + 1}` } : {}),
      groups: e.subnet.vpc === 'vpc-2' ? GROUPS_2 : i === fwdIndex ? ['sg-nat', ...(r.forwarder!.shared ? e.groups : [])] : e.groups,
      // A second private address (.210 or .211), unique in its subnet as the host is.
      ...(e.secondary ? { secondary: [`${e.subnet.base}${200 + e.host}`] } : {}),
      sourceDestCheck: i === fwdIndex ? false : e.sdc,
      type: i === fwdIndex ? r.forwarder!.type : e.type,
      instance: `i-${i}`,
    }));
    const hasNat = r.nat;
    const vpc1Enis = enis.filter((e) => e.vpc === 'vpc-1');
    const routeFor = (dest: string, target: string): RouteSpec | null => {
      switch (target) {
        case 'igw':
          return igw1 ? { dest, gateway: 'igw-1' } : null;
        case 'nat':
          return hasNat ? { dest, nat: 'nat-1' } : null;
        case 'eni0':
        case 'eni1': {
          const e = vpc1Enis[target === 'eni0' ? 0 : 1];
          return e ? { dest, instance: e.instance, eni: e.id } : null;
        }
        case 'blackhole':
          return { dest, nat: 'nat-gone', state: 'blackhole' };
        case 'vpce':
          return dest === 'pl-1' ? { dest, gateway: 'vpce-1' } : null;
        default:
          return { dest, gateway: 'vgw-1' };
      }
    };
    const assigned = new Set<string>();
    const forwarderTables: Json[] = [];
    if (fwdIndex >= 0) {
      const f = enis[fwdIndex]!;
      const own = igw1 ? [{ dest: '0.0.0.0/0', gateway: 'igw-1' }] : [];
      forwarderTables.push(routeTable('rtb-nat', 'vpc-1', { main: false, subnets: [f.subnet], routes: own, vpcCidr: VPC1_CIDRS }));
      const others = r.forwarder!.subnets.filter((s) => s !== f.subnet);
      forwarderTables.push(routeTable('rtb-fwd', 'vpc-1', { main: false, subnets: others, routes: r.forwarder!.dests.map((dest) => ({ dest, instance: f.instance, eni: f.id })), vpcCidr: VPC1_CIDRS }));
      [f.subnet, ...others].forEach((s) => assigned.add(s));
    }
    const gatewayTables: Json[] = [];
    if (ngw) {
      const free = (xs: string[]) => xs.filter((x) => !assigned.has(x));
      gatewayTables.push(routeTable('rtb-ngw-pub', 'vpc-1', { main: false, subnets: free(['subnet-0']), routes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }], vpcCidr: VPC1_CIDRS }));
      const routes: RouteSpec[] = [...ngw.dests.map((dest) => ({ dest, nat: 'nat-1' })), ...(ngw.endpoint ? [{ dest: 'pl-1', gateway: 'vpce-1' }] : [])];
      gatewayTables.push(routeTable('rtb-ngw', 'vpc-1', { main: false, subnets: free(ngw.subnets), routes, vpcCidr: VPC1_CIDRS }));
      ['subnet-0', ...ngw.subnets].forEach((x) => assigned.add(x));
    }
    const tables = r.tables.map((t, i) => {
      const subnets = i === 0 ? [] : t.subnets.filter((s) => !assigned.has(s));
      subnets.forEach((s) => assigned.add(s));
      const routes = t.routes.map((x) => routeFor(x.dest, x.target)).filter((x): x is RouteSpec => x !== null);
      return routeTable(`rtb-${i}`, 'vpc-1', { main: i === 0, subnets, routes, vpcCidr: VPC1_CIDRS });
    });
    const aclAssigned = new Set<string>();
    const customAcls = r.customAcls.map((a, i) => {
      const subnets = a.subnets.filter((s) => !aclAssigned.has(s));
      subnets.forEach((s) => aclAssigned.add(s));
      return acl(`acl-${i}`, 'vpc-1', { subnets, entries: [...a.inbound, ...a.outbound] });
    });
    const defaultEntries: EntrySpec[] = r.defaultAcl.permissive || (fwdIndex >= 0 && r.forwarder!.open) || !!ngw?.openAcl
      ? [
          { n: 100, egress: false, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
          { n: 100, egress: true, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
        ]
      : [...r.defaultAcl.inbound, ...r.defaultAcl.outbound];
    const groupIds = [...GROUPS_1, ...GROUPS_2];
    const byKey: Record<string, Json[]> = {
      Vpcs: [vpc('vpc-1', VPC1_CIDRS[0]!, undefined, VPC1_CIDRS.slice(1)), vpc('vpc-2', '10.1.0.0/16')],
      Subnets: SUBNETS.map((s) => subnet(s.id, s.vpc, s.cidr)),
      InternetGateways: [...(igw1 ? [igw('igw-1', 'vpc-1')] : []), ...(r.igw2 ? [igw('igw-2', 'vpc-2')] : [])],
      SecurityGroups: [
        ...groupIds.map((g, i) => sg(g, g === 'sg-z' ? 'vpc-2' : 'vpc-1', r.groupRules[i]!.ingress, [...(r.groupRules[i]!.allOut ? [ALL_OUT] : []), ...r.groupRules[i]!.egress])),
        ...(fwdIndex >= 0 ? [natGroup(r.forwarder!)] : []),
      ],
      NetworkAcls: [
        acl('acl-default', 'vpc-1', { isDefault: true, entries: defaultEntries }),
        ...customAcls,
        ...(r.vpc2Missing === 'acl' ? [] : [acl('acl-default-2', 'vpc-2', { isDefault: true, entries: defaultEntries })]),
      ],
      RouteTables: [
        ...tables,
        ...forwarderTables,
        ...gatewayTables,
        ...(r.vpc2Missing === 'table' ? [] : [routeTable('rtb-9', 'vpc-2', { main: true, routes: r.igw2 ? [{ dest: '0.0.0.0/0', gateway: 'igw-2' }] : [], vpcCidr: '10.1.0.0/16' })]),
      ],
      NetworkInterfaces: [
        ...enis.map(eni),
        ...(hasNat ? [eni({ id: 'eni-natgw', subnet: 'subnet-0', vpc: 'vpc-1', ip: '10.0.0.99', groups: [], type: 'nat_gateway' })] : []),
      ],
      NatGateways: hasNat ? [natGateway('nat-1', 'vpc-1', 'subnet-0', '10.0.0.99', '6.6.6.6', 'eni-natgw')] : [],
      VpcEndpoints: [gatewayEndpoint('vpce-1', 'vpc-1', 'com.amazonaws.eu-central-1.s3', ['rtb-0', ...(ngw?.endpoint ? ['rtb-ngw'] : [])])],
      PrefixLists: [prefixList('pl-1', 'com.amazonaws.eu-central-1.s3', ['52.0.0.0/8']), prefixList('pl-2', 'office-and-db', ['10.0.2.0/24', '8.8.8.0/24'])],
    };
    return { byKey, eniIds: enis.map((e) => e.id) };
  });
