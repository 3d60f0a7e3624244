// The random networks of the fuzzing must reach every kind of path: a kind no
// network delivers through is a kind the differential and reference tests never
// check. NAT instances once went unexercised (1 network in 2,000), which hid a
// wrong rule for packets routed to an instance's own address. A fixed sample
// of 1,000 networks must deliver through each kind in at least 1% of them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomNetwork } from '../support/random-network.js';
import { documents } from '../support/describe-builder.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { parseIpv4Cidr } from '../../reachability/packets/addresses.js';

const SAMPLE = 1000;

/** The kinds of path some delivery of the network takes. */
function pathKinds(net: Parameters<typeof documents>[0]): Set<string> {
  const e = new ReachabilityEngine(convertDescribeSnapshot(documents(net)));
  const { found } = e.search(e.resolve('*'), e.resolve('*'), PacketSet.ALL, undefined, { drops: false });
  const kinds = new Set<string>();
  for (const f of found) {
    const to = f.delivery.delivery.kind;
    kinds.add(`${f.start.kind} to ${to}`);
    for (const v of f.delivery.via) kinds.add(`through ${v.split(':')[0]}`);
    if (f.delivery.delivery.kind === 'interface') {
      const subnet = e.ix.subnets.get(e.ix.interfaces.get(f.delivery.delivery.eniId)!.subnetId)!;
      const [inner, primary] = [parseIpv4Cidr(subnet.cidr), parseIpv4Cidr(e.ix.vpcs.get(subnet.vpcId)!.cidrs[0]!)];
      if (inner.lo < primary.lo || inner.hi > primary.hi) kinds.add('to a subnet of a secondary CIDR block');
    }
    const forwarded = f.delivery.via.some((v) => v.startsWith('nat-'));
    if (forwarded && to === 'interface') kinds.add('forwarded back into a VPC');
    if (forwarded && to === 'outside') kinds.add('forwarded to the internet');
  }
  return kinds;
}

describe('the random networks of the fuzzing', () => {
  it('deliver through every kind of path', () => {
    const counts = new Map<string, number>();
    for (const net of fc.sample(randomNetwork, { numRuns: SAMPLE, seed: 20261128 })) {
      for (const k of pathKinds(net.byKey)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const kinds = [
      'interface to interface',
      'interface to outside',
      'outside to interface',
      'interface to service',
      'through nat-instance',
      'through nat-gateway',
      'through gateway-endpoint',
      'forwarded back into a VPC',
      'forwarded to the internet',
      'to a subnet of a secondary CIDR block',
    ];
    const rare = kinds.filter((k) => (counts.get(k) ?? 0) < SAMPLE / 100).map((k) => `${k}: ${counts.get(k) ?? 0}`);
    expect(rare).toEqual([]);
  }, 120_000);
});
