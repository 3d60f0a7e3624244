// Mutation testing of the property set: change the network the way a careless
// change would (widen a CIDR, add a port, delete an ACL entry, swap a group
// reference, drop a route); the properties the change breaks must be VIOLATED
// with a counterexample the concrete tracer confirms, and the rest stay PROVED.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { checkProperties } from '../../properties/check.js';
import { tradaiProperties } from '../../properties/tradai.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { traceForward } from '../../reachability/paths/concrete-trace.js';
import { parseIpv4 } from '../../reachability/packets/addresses.js';

const DIR = 'examples/tradai-snapshot';
type Json = Record<string, any>;
const base: Record<string, Json> = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8'))]));

const group = (docs: Record<string, Json>, name: string) => docs['SecurityGroups.json']!.SecurityGroups.find((g: Json) => g.GroupName === name);
const acl = (docs: Record<string, Json>, name: string) => docs['NetworkAcls.json']!.NetworkAcls.find((a: Json) => a.Tags?.some((t: Json) => t.Value === name));
const table = (docs: Record<string, Json>, name: string) => docs['RouteTables.json']!.RouteTables.find((t: Json) => t.Tags?.some((x: Json) => x.Value === name));

interface Mutation {
  readonly name: string;
  apply(docs: Record<string, Json>): void;
  /** The properties this change breaks. */
  readonly breaks: readonly string[];
}

const ALB_FLOWS = ['alb-reaches-backend-api', 'alb-reaches-data-collection', 'alb-reaches-strategy-service', 'alb-reaches-mlflow'];

/** Ports the public ACL lets in from the internet (rules 90, 100, 110, 120). */
const publicAclAdmits = (p: number) => p === 22 || p === 80 || p === 443 || p >= 1024;

const mutations = (port: number): Mutation[] => [
  {
    name: `add port ${port} from the world to the ALB group`,
    apply: (d) => group(d, 'tradai-alb-sg').IpPermissions.push({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }),
    breaks: publicAclAdmits(port) && port !== 80 && port !== 443 ? ['alb-only-on-80-443'] : [],
  },
  {
    name: 'widen the NAT group source from private-a to the world',
    apply: (d) => (group(d, 'tradai-nat-sg').IpPermissions[0].IpRanges[0].CidrIp = '0.0.0.0/0'),
    breaks: ['alb-only-on-80-443', 'nat-only-from-private'],
  },
  {
    name: 'open the ECS service port 8000 to the world',
    apply: (d) => group(d, 'tradai-ecs-sg').IpPermissions.push({ IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }),
    breaks: ['service-ports-only-from-alb-lambda-ecs'],
  },
  {
    name: 'delete the private ACL outbound ephemeral entry (130)',
    apply: (d) => {
      const a = acl(d, 'tradai-private-nacl');
      a.Entries = a.Entries.filter((e: Json) => !(e.Egress && e.RuleNumber === 130));
    },
    // The replies of the ALB's flows leave the private tier to ephemeral ports; the other
    // flows' replies come in (inbound 130 stays) or stay in one subnet (no ACL).
    breaks: ALB_FLOWS,
  },
  {
    name: 'swap the RDS group reference from ECS to ALB',
    apply: (d) => {
      const ecs = group(d, 'tradai-ecs-sg').GroupId;
      for (const perm of group(d, 'tradai-rds-sg').IpPermissions) for (const pair of perm.UserIdGroupPairs) if (pair.GroupId === ecs) pair.GroupId = group(d, 'tradai-alb-sg').GroupId;
    },
    breaks: ['services-reach-rds'],
  },
  {
    name: 'drop the private default route to the NAT instance',
    apply: (d) => {
      const t = table(d, 'tradai-private-rt');
      t.Routes = t.Routes.filter((r: Json) => r.DestinationCidrBlock !== '0.0.0.0/0');
    },
    breaks: ['services-reach-internet-https'],
  },
];

describe('mutations of the TradAI network', () => {
  it.prop([fc.nat({ max: 5 }), fc.oneof(fc.constantFrom(22, 25, 80, 443, 1023, 1024, 8080), fc.integer({ min: 1, max: 65535 }))], { numRuns: 40 })(
    'break exactly the properties they should, with confirmed counterexamples',
    (which, port) => {
      const m = mutations(port)[which]!;
      const docs: Record<string, Json> = structuredClone(base);
      m.apply(docs);
      const model = convertDescribeSnapshot(Object.entries(docs).map(([f, json]) => ({ file: f, json })));
      const engine = new ReachabilityEngine(model);
      const results = checkProperties(model, tradaiProperties('dev'), { stack: 'dev', engine });
      const violated = results.filter((r) => r.verdict === 'VIOLATED').map((r) => r.id).sort();
      expect(violated, m.name).toEqual([...m.breaks].sort());
      for (const r of results.filter((x) => x.verdict === 'VIOLATED')) {
        const ce = r.counterexample!;
        expect(ce, r.id).not.toBeNull();
        if (r.assert === 'must') continue; // a missing flow: its explanation is the blocked hop
        // The counterexample is delivered, concretely, along the reported path.
        const p = { srcIp: parseIpv4(ce.witness.srcIp), dstIp: parseIpv4(ce.witness.dstIp), protocol: { tcp: 6, udp: 17, icmp: 1 }[ce.witness.protocol] ?? Number(ce.witness.protocol), srcPort: ce.witness.srcPort, dstPort: ce.witness.dstPort };
        const eni = [...engine.ix.interfaces.values()].find((e) => e.addresses.some((a) => a.ip === ce.witness.srcIp));
        const trace = traceForward(engine.ix, eni ? { kind: 'interface', eniId: eni.id } : { kind: 'outside' }, p);
        expect(trace.delivered, `${r.id}: ${r.detail}`).not.toBeNull();
        expect(trace.hops).toEqual(ce.forward);
        expect(r.culprit).not.toBeNull();
      }
    },
  );
});
