// The pair tables compute a value once per run of addresses over which no
// filter changes, so every filter's changes must end a run. Here one ACL entry
// for a single address splits a subnet's interfaces (which share their groups,
// subnet and routes): inbound or outbound, read on the sender's and on the
// receiver's side, as a request and as a reply. The whole-estate answers must equal
// the reference implementations (one search per row, all-to-all search).
import { describe, expect, it } from 'vitest';
import { acl, eni, engineOf, routeTable, sg, subnet, vpc } from '../support/describe-builder.js';
import { reachabilityMatrix } from '../../reachability/analyses/matrix.js';
import { findings } from '../../reachability/analyses/findings.js';
import { internetExposure } from '../../reachability/analyses/exposure.js';
import { referenceExposure, referenceFindings, referenceMatrix } from './reference.js';

function network(egress: boolean, host: string) {
  const all = { proto: '-1', cidrs: ['0.0.0.0/0'] };
  return {
    Vpcs: [vpc('vpc-1', '10.0.0.0/16')],
    Subnets: [subnet('subnet-0', 'vpc-1', '10.0.0.0/24'), subnet('subnet-1', 'vpc-1', '10.0.1.0/24')],
    // sg-a allows everything; sg-0 .. sg-3 have no rules and only name their interface in the matrix by group.
    SecurityGroups: [sg('sg-a', 'vpc-1', [all], [all]), ...[0, 1, 2, 3].map((i) => sg(`sg-${i}`, 'vpc-1', [], []))],
    NetworkAcls: [
      // subnet-0: in the direction under test, tcp everywhere and everything to or from one address of subnet-1; the other direction allows everything.
      acl('acl-0', 'vpc-1', {
        isDefault: true,
        subnets: ['subnet-0'],
        entries: [
          { n: 50, egress, proto: '-1', action: 'allow', cidr: `${host}/32` },
          { n: 100, egress, proto: '6', action: 'allow', cidr: '0.0.0.0/0', ports: [0, 65535] },
          { n: 100, egress: !egress, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
          { n: 32767, egress: false, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
          { n: 32767, egress: true, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        ],
      }),
      // subnet-1 allows everything.
      acl('acl-1', 'vpc-1', {
        subnets: ['subnet-1'],
        entries: [
          { n: 100, egress: false, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
          { n: 100, egress: true, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
          { n: 32767, egress: false, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
          { n: 32767, egress: true, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        ],
      }),
    ],
    RouteTables: [routeTable('rtb-1', 'vpc-1', { main: true, routes: [], vpcCidr: '10.0.0.0/16' })],
    NetworkInterfaces: [
      eni({ id: 'eni-0', subnet: 'subnet-0', vpc: 'vpc-1', ip: '10.0.0.10', groups: ['sg-a', 'sg-0'], instance: 'i-0' }),
      eni({ id: 'eni-1', subnet: 'subnet-1', vpc: 'vpc-1', ip: '10.0.1.10', groups: ['sg-a', 'sg-1'], instance: 'i-1' }),
      eni({ id: 'eni-2', subnet: 'subnet-1', vpc: 'vpc-1', ip: '10.0.1.11', groups: ['sg-a', 'sg-2'], instance: 'i-2' }),
      eni({ id: 'eni-3', subnet: 'subnet-1', vpc: 'vpc-1', ip: '10.0.1.12', groups: ['sg-a', 'sg-3'], instance: 'i-3' }),
    ],
  };
}

describe('a filter change inside a subnet ends a run of the pair tables', () => {
  // Inbound: requests from the address (a receiver's senders) and replies from it (a sender's receivers);
  // outbound: requests to it (a sender's receivers) and replies to it (a receiver's senders).
  it.each([
    [false, '10.0.1.11'],
    [true, '10.0.1.11'],
  ])('an ACL entry (egress %s) for %s alone', (egress, host) => {
    const byKey = network(egress, host);
    for (const by of ['sg', 'subnet'] as const) {
      const cells = reachabilityMatrix(engineOf(byKey), by);
      expect(cells).toEqual(referenceMatrix(engineOf(byKey), by));
    }
    // The test's premise: the interfaces of subnet-1 are told apart (some of their cells differ).
    const summaries = new Set(referenceMatrix(engineOf(byKey), 'sg').map((c) => JSON.stringify([c.forward, c.connectable])));
    expect(summaries.size).toBeGreaterThan(1);
    expect(internetExposure(engineOf(byKey))).toEqual(referenceExposure(engineOf(byKey)));
    expect(findings(engineOf(byKey))).toEqual(referenceFindings(engineOf(byKey)));
  });
});
