// The property checks' searches on a generated estate (three VPCs, 300
// interfaces, about a hundred public addresses: the internet's host ranges
// and a tier's addresses are many ranges each), with the default cover of the
// address ranges against the search on the exact ranges: the same deliveries
// and drops, for the benchmark's estate properties and a few more questions.
// The benchmark's property file itself loads, names endpoints the estate has,
// and is decided.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadPropertyFile } from '../../properties/load.js';
import { checkProperties } from '../../properties/check.js';
import { isInventory } from '../../properties/language.js';
import { generateEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { expectSameSets, outcomesByKey, restrictedLater } from '../support/search-outcomes.js';

let engine: ReachabilityEngine;

beforeAll(() => {
  const files = generateEstate({ vpcs: 3, subnets: 24, groups: 90, rules: 900, interfaces: 300, seed: 5 });
  engine = new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));
});

const HTTPS = PacketSet.where('protocol', [{ lo: 6, hi: 6 }]).intersect(PacketSet.where('dstPort', [{ lo: 443, hi: 443 }]));
const QUESTIONS: [string, string, PacketSet][] = [
  ['tier:isolated', 'internet', PacketSet.ALL],
  ['internet', 'tier:isolated', PacketSet.ALL],
  ['internet', '*', PacketSet.ALL],
  ['internet', 'tier:public', HTTPS],
  ['tier:private', 'internet', HTTPS],
  ['tier:public', 'tier:private', PacketSet.ALL],
];

describe('property searches on a generated estate', () => {
  it.each(QUESTIONS)('%s -> %s: the cover finds and drops what the exact ranges do', (from, to, traffic) => {
    const src = engine.resolve(from, { missingIsEmpty: true });
    const dst = engine.resolve(to, { missingIsEmpty: true });
    const exact = outcomesByKey(engine.search(src, dst, traffic, () => true, { hullRanges: Number.POSITIVE_INFINITY }));
    const covered = outcomesByKey(engine.search(src, dst, traffic));
    expectSameSets(covered.found, exact.found);
    expectSameSets(covered.drops, exact.drops);
    expectSameSets(restrictedLater(engine.searchBySource(src, dst, traffic, () => true, { drops: false, exactLater: true })), exact.found);
  }, 120_000);
});

describe("the benchmark's estate properties", () => {
  it('load, name endpoints a generated estate has, and are decided', () => {
    const properties = loadPropertyFile(fileURLToPath(new URL('../../bench/estate-properties.yaml', import.meta.url)));
    expect(properties.length).toBeGreaterThan(0);
    for (const p of properties) {
      if (isInventory(p)) continue;
      for (const e of [...p.from, ...p.to]) {
        const r = engine.resolve(e, { missingIsEmpty: true });
        expect(r.sources.length + r.destinations.length, `${p.id}: ${e}`).toBeGreaterThan(0);
      }
    }
    const results = checkProperties(engine.model, properties, { engine });
    expect(results.map((r) => r.verdict).every((v) => v === 'PROVED' || v === 'VIOLATED')).toBe(true);
  });
});
