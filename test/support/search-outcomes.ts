// Search outcomes compared by what they hold: deliveries by start, place and
// components crossed; drops by start and code; each as one packet set.
import { expect } from 'vitest';
import type { SearchOutcome, SourceOutcome } from '../../reachability/paths/query.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';

export interface Outcomes {
  readonly found: Map<string, PacketSet>;
  readonly drops: Map<string, PacketSet>;
}

const add = (m: Map<string, PacketSet>, k: string, s: PacketSet) => void m.set(k, (m.get(k) ?? PacketSet.EMPTY).union(s));

export function outcomesByKey(o: SearchOutcome): Outcomes {
  const found = new Map<string, PacketSet>();
  const drops = new Map<string, PacketSet>();
  for (const f of o.found) add(found, `${JSON.stringify(f.start)} ${JSON.stringify(f.delivery.delivery)} ${f.delivery.via.join(',')}`, f.delivery.set);
  for (const d of o.drops) add(drops, `${JSON.stringify(d.start)} ${d.drop.code}`, d.drop.set);
  return { found, drops };
}

/** Deliveries of a search whose caller restricts the sets itself (exactLater), restricted. */
export function restrictedLater(bySource: Iterable<SourceOutcome>): Map<string, PacketSet> {
  const found = new Map<string, PacketSet>();
  for (const o of bySource) {
    expect(o.drops).toEqual([]);
    for (const f of o.found) {
      const set = o.exact(f.delivery.set);
      expect(set.isSubsetOf(f.delivery.set)).toBe(true);
      expect(o.holds(f.delivery.set), 'holds is whether the restriction is non-empty').toBe(!set.isEmpty());
      if (!set.isEmpty()) add(found, `${JSON.stringify(f.start)} ${JSON.stringify(f.delivery.delivery)} ${f.delivery.via.join(',')}`, set);
    }
  }
  return found;
}

export function expectSameSets(a: Map<string, PacketSet>, b: Map<string, PacketSet>): void {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [k, s] of a) expect(s.equals(b.get(k)!), k).toBe(true);
}
