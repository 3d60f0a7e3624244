// A search over many address ranges runs on a few covering ranges and
// restricts every result to the true ones afterwards (paths/query.ts). That is
// exact only because each packet's fate is its own: held here against the
// search on the exact ranges, on random networks and endpoints, with the
// coarsest cover (one range) and middling ones. Every delivery (by start,
// place and components crossed) and every drop (by start and code) must hold
// the same packets; so must the deliveries a caller restricts itself.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { randomNetwork } from '../support/random-network.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { documents } from '../support/describe-builder.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { expectSameSets, outcomesByKey, restrictedLater } from '../support/search-outcomes.js';

const RUNS = Math.max(300, Math.floor(Number(process.env.REACH_FUZZ_RUNS ?? 10_000) / 10));

const ENDPOINTS = ['internet', '*', 'sg:sg-a', 'sg:sg-b', 'sg:sg-z', 'subnet:subnet-1', 'subnet:subnet-9', '10.0.0.0/16', '3.0.0.0/8', '0.0.0.0/0', '8.8.8.8'];
const TRAFFIC = [
  PacketSet.ALL,
  PacketSet.where('protocol', [{ lo: 6, hi: 6 }]).intersect(PacketSet.where('dstPort', [{ lo: 443, hi: 443 }])),
  PacketSet.where('protocol', [{ lo: 17, hi: 17 }, { lo: 1, hi: 1 }]),
];

describe('searching over a cover of the address ranges', () => {
  it.prop([randomNetwork, fc.constantFrom(...ENDPOINTS), fc.constantFrom(...ENDPOINTS), fc.nat(), fc.constantFrom(...TRAFFIC), fc.constantFrom(1, 2, 4)], { numRuns: RUNS })(
    'finds and drops exactly what the search on the exact ranges does',
    (net, from, to, eniPick, traffic, hull) => {
      const engine = new ReachabilityEngine(convertDescribeSnapshot(documents(net.byKey)));
      const eniText = net.eniIds.length > 0 ? `eni:${net.eniIds[eniPick % net.eniIds.length]}` : 'internet';
      const src = engine.resolve(from === '*' && eniPick % 3 === 0 ? eniText : from, { missingIsEmpty: true });
      const dst = engine.resolve(to, { missingIsEmpty: true });
      const exact = outcomesByKey(engine.search(src, dst, traffic, () => true, { hullRanges: Number.POSITIVE_INFINITY }));
      const covered = outcomesByKey(engine.search(src, dst, traffic, () => true, { hullRanges: hull }));
      expectSameSets(covered.found, exact.found);
      expectSameSets(covered.drops, exact.drops);
      // Restricted later, by the caller (as the property checks do).
      expectSameSets(restrictedLater(engine.searchBySource(src, dst, traffic, () => true, { drops: false, hullRanges: hull, exactLater: true })), exact.found);
      // So many deliveries hold a packet of the searched space as the exact search finds (an 'only' proof counts them).
      const exactCount = engine.search(src, dst, traffic, () => true, { drops: false, hullRanges: Number.POSITIVE_INFINITY }).found.length;
      let held = 0;
      for (const o of engine.searchBySource(src, dst, traffic, () => true, { drops: false, hullRanges: hull, exactLater: true })) held += o.found.filter((f) => o.holds(f.delivery.set)).length;
      expect(held).toBe(exactCount);
      // The answer (verdicts, witness, both paths, where it is blocked) is the same too.
      const answer = (h: number) => {
        try {
          return engine.answer(src, dst, traffic, () => true, { hullRanges: h });
        } catch (e) {
          return String(e);
        }
      };
      const covered1 = answer(hull);
      expect(covered1).toEqual(answer(Number.POSITIVE_INFINITY));
      // Released filter regions are rebuilt when a search asks for them again: the same answer.
      engine.ctx.release();
      expect(answer(hull)).toEqual(covered1);
    },
  );
});
