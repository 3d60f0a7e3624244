// An 'only' proof reports how many deliveries it checked. A source of many
// address ranges (here an interface with 21 scattered addresses) is searched
// as a few covering ranges, so the search also finds deliveries whose packets
// all come from addresses between them; those are not deliveries from the
// source, and are not counted.
import { describe, expect, it } from 'vitest';
import { checkProperties } from '../../properties/check.js';
import { defaultAcl, eni, engineOf, routeTable, sg, subnet, vpc } from '../support/describe-builder.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';

const V = 'vpc-1';
const OWN = Array.from({ length: 21 }, (_, i) => `10.0.1.${10 + 2 * i}`);
const BETWEEN = Array.from({ length: 20 }, (_, i) => `10.0.1.${11 + 2 * i}/32`);

function network(allowFrom: string[]) {
  return engineOf({
    Vpcs: [vpc(V, '10.0.0.0/16')],
    Subnets: [subnet('subnet-a', V, '10.0.1.0/24'), subnet('subnet-b', V, '10.0.2.0/24')],
    SecurityGroups: [sg('sg-db', V, [{ proto: 'tcp', from: 5432, to: 5432, cidrs: allowFrom }], []), sg('sg-app', V, [], [{ proto: '-1', cidrs: ['0.0.0.0/0'] }])],
    NetworkAcls: [defaultAcl('acl-default', V, ['subnet-a', 'subnet-b'])],
    RouteTables: [routeTable('rtb-main', V, { main: true, routes: [], vpcCidr: '10.0.0.0/16' })],
    NetworkInterfaces: [
      eni({ id: 'eni-app', subnet: 'subnet-a', vpc: V, ip: OWN[0]!, secondary: OWN.slice(1), groups: ['sg-app'] }),
      eni({ id: 'eni-db', subnet: 'subnet-b', vpc: V, ip: '10.0.2.5', groups: ['sg-db'] }),
    ],
  });
}

const ONLY = { id: 'app-only-postgres', reason: 'test', assert: 'only' as const, from: ['eni:eni-app'], to: ['eni:eni-db'], allowed: { traffic: { protocols: ['tcp'], ports: ['5432'] } } };

describe("an 'only' proof's count of deliveries", () => {
  it('leaves out what the cover of the source finds from addresses between its own', () => {
    // The database admits only addresses between the app's own.
    const engine = network(BETWEEN);
    // The premise: the search over the cover finds that delivery.
    const found = [...engine.searchBySource(engine.resolve('eni:eni-app'), engine.resolve('eni:eni-db'), PacketSet.ALL, () => true, { drops: false, exactLater: true })].flatMap((o) => o.found);
    expect(found.length).toBeGreaterThan(0);
    const [r] = checkProperties(engine.model, [ONLY], { engine });
    expect(r!.verdict).toBe('PROVED');
    expect(r!.detail).toContain('(0 delivery path(s) checked)');
  });

  it('counts a delivery from the source', () => {
    const engine = network(['10.0.1.0/24']);
    const [r] = checkProperties(engine.model, [ONLY], { engine });
    expect(r!.verdict).toBe('PROVED');
    expect(r!.detail).toContain('(1 delivery path(s) checked)');
  });
});
