// A NAT instance's egress rules are judged like any other group's: used when
// some delivered packet, its own or one it forwards, leaves through them; dead
// otherwise. (They were once left out of the dead-rule check altogether, which
// hid dead rules on NAT instances.)
import { describe, expect, it } from 'vitest';
import { type PermSpec, defaultAcl, engineOf, eni, igw, routeTable, sg, subnet, vpc } from '../support/describe-builder.js';
import { findings } from '../../reachability/analyses/findings.js';
import type { ReachabilityEngine } from '../../reachability/paths/query.js';
import { referenceFindings } from '../perf/reference.js';

const V = 'vpc-1';

/** A private app subnet whose default route is the NAT instance in the public subnet. */
function natNetwork(natEgress: PermSpec[]) {
  return engineOf({
    Vpcs: [vpc(V, '10.0.0.0/16')],
    Subnets: [subnet('subnet-pub', V, '10.0.1.0/24'), subnet('subnet-app', V, '10.0.2.0/24')],
    InternetGateways: [igw('igw-1', V)],
    SecurityGroups: [
      sg('sg-app', V, [], [{ proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }]),
      sg('sg-nat', V, [{ proto: 'tcp', from: 443, to: 443, cidrs: ['10.0.2.0/24'] }], natEgress),
    ],
    NetworkAcls: [defaultAcl('acl-default', V)],
    RouteTables: [
      routeTable('rtb-app', V, { main: true, routes: [{ dest: '0.0.0.0/0', instance: 'i-nat', eni: 'eni-nat' }], vpcCidr: '10.0.0.0/16' }),
      routeTable('rtb-pub', V, { subnets: ['subnet-pub'], routes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }], vpcCidr: '10.0.0.0/16' }),
    ],
    NetworkInterfaces: [
      eni({ id: 'eni-app', subnet: 'subnet-app', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] }),
      eni({ id: 'eni-nat', subnet: 'subnet-pub', vpc: V, ip: '10.0.1.5', publicIp: '5.5.5.5', groups: ['sg-nat'], sourceDestCheck: false, instance: 'i-nat' }),
    ],
  });
}

const deadRules = (e: ReachabilityEngine) => findings(e).filter((f) => f.kind === 'dead-security-group-rule').map((f) => `${f.rule.id}#${f.rule.index}`);

describe("a NAT instance's egress rules", () => {
  const egress: PermSpec[] = [
    { proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] },
    // Nothing routes 192.168.0.0/16 anywhere: no packet of the instance or of its clients gets there.
    { proto: 'tcp', from: 25, to: 25, cidrs: ['192.168.0.0/16'] },
  ];

  it('are dead when nothing, forwarded or its own, is delivered through them', () => {
    const e = natNetwork(egress);
    expect(e.query({ from: 'eni:eni-app', to: '8.8.8.8', protocol: 6, ports: { from: 443, to: 443 } })).toMatchObject({ reachable: true });
    expect(deadRules(e)).toContain('sg-nat#1');
    expect(deadRules(e)).not.toContain('sg-nat#0');
  });

  it('agree with the reference, which reads every delivery through the instance', () => {
    expect(findings(natNetwork(egress))).toEqual(referenceFindings(natNetwork(egress)));
  });

  it('are judged on what the instance forwards, even when it sends nothing of its own', () => {
    // An endpoint's interface starts no connection; routed to and forwarding (the input says
    // so), its group's egress rule carries the app's packets on to the NAT instance.
    const e = engineOf({
      Vpcs: [vpc(V, '10.0.0.0/16')],
      Subnets: [subnet('subnet-pub', V, '10.0.1.0/24'), subnet('subnet-app', V, '10.0.2.0/24'), subnet('subnet-mid', V, '10.0.3.0/24')],
      InternetGateways: [igw('igw-1', V)],
      SecurityGroups: [
        sg('sg-app', V, [], [{ proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }]),
        sg('sg-mid', V, [{ proto: 'tcp', from: 443, to: 443, cidrs: ['10.0.2.0/24'] }], [{ proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }]),
        sg('sg-nat', V, [{ proto: 'tcp', from: 443, to: 443, cidrs: ['10.0.0.0/16'] }], [{ proto: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }]),
      ],
      NetworkAcls: [defaultAcl('acl-default', V)],
      RouteTables: [
        routeTable('rtb-app', V, { main: true, routes: [{ dest: '0.0.0.0/0', eni: 'eni-mid' }], vpcCidr: '10.0.0.0/16' }),
        routeTable('rtb-mid', V, { subnets: ['subnet-mid'], routes: [{ dest: '0.0.0.0/0', instance: 'i-nat', eni: 'eni-nat' }], vpcCidr: '10.0.0.0/16' }),
        routeTable('rtb-pub', V, { subnets: ['subnet-pub'], routes: [{ dest: '0.0.0.0/0', gateway: 'igw-1' }], vpcCidr: '10.0.0.0/16' }),
      ],
      NetworkInterfaces: [
        eni({ id: 'eni-app', subnet: 'subnet-app', vpc: V, ip: '10.0.2.20', groups: ['sg-app'] }),
        eni({ id: 'eni-mid', subnet: 'subnet-mid', vpc: V, ip: '10.0.3.5', groups: ['sg-mid'], sourceDestCheck: false, type: 'vpc_endpoint' }),
        eni({ id: 'eni-nat', subnet: 'subnet-pub', vpc: V, ip: '10.0.1.5', publicIp: '5.5.5.5', groups: ['sg-nat'], sourceDestCheck: false, instance: 'i-nat' }),
      ],
    });
    const a = e.query({ from: 'eni:eni-app', to: '8.8.8.8', protocol: 6, ports: { from: 443, to: 443 } });
    expect(a).toMatchObject({ reachable: true });
    expect(a.forward.filter((h) => h.component === 'nat-instance').map((h) => h.id)).toEqual(['eni-mid', 'eni-nat']);
    expect(deadRules(e)).toEqual([]);
  });
});
