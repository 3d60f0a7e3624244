// The whole-estate analyses (matrix, exposure, findings on the estate flows)
// held against their reference implementations (test/perf/reference.ts: the
// matrix as one symbolic search per row, exposure and findings on the
// all-to-all search) on the random networks of the differential fuzzing:
// groups with CIDR and group references, shuffled ACLs, several route tables,
// NAT gateways and instances, gateway endpoints, blackholes, interface
// endpoints, public addresses. Every answer must be identical, and the matrix's
// factored form (reach matrix --compact) read back into cells is the matrix.
// REACH_FUZZ_RUNS scales the number of cases (a twentieth of it, at least 300).
import { describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import { randomNetwork } from '../support/random-network.js';
import { documents } from '../support/describe-builder.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { planMatrix, reachabilityMatrix } from '../../reachability/analyses/matrix.js';
import { writeMatrixCompactJson } from '../../reachability/cli/matrix-output.js';
import { type CompactDoc, type Cells, expandCompact, pairKey, unitePorts } from '../cli/compact-matrix.js';
import { internetExposure } from '../../reachability/analyses/exposure.js';
import { findings } from '../../reachability/analyses/findings.js';
import { referenceExposure, referenceFindings, referenceMatrix } from './reference.js';

const RUNS = Math.max(300, Math.floor(Number(process.env.REACH_FUZZ_RUNS ?? 10_000) / 20));
const TIME_LIMIT = Math.max(120_000, RUNS * 200);

describe('whole-estate analyses against the reference implementations', () => {
  it.prop([randomNetwork], { numRuns: RUNS })('matrix (sg, subnet, tier), exposure and findings agree', async (net) => {
    const model = convertDescribeSnapshot(documents(net.byKey));
    for (const by of ['sg', 'subnet', 'tier'] as const) {
      const cells = reachabilityMatrix(new ReachabilityEngine(model), by);
      expect(cells).toEqual(referenceMatrix(new ReachabilityEngine(model), by));
      let json = '';
      await writeMatrixCompactJson(planMatrix(new ReachabilityEngine(model), by), by, { out: (t) => void (json += t), err: () => undefined, stderrIsTty: false });
      // Labels may repeat in a random network: cells of one (row, column) label pair are compared united.
      const want: Cells = new Map();
      for (const c of cells) {
        const k = pairKey(c.from, c.to);
        const cur = want.get(k);
        want.set(k, { forward: unitePorts(cur?.forward ?? [], c.forward), connectable: unitePorts(cur?.connectable ?? [], c.connectable) });
      }
      const doc = JSON.parse(json) as CompactDoc;
      expect(expandCompact(doc)).toEqual(want);
      expect(doc.cellCount).toBe(cells.length);
    }
    expect(internetExposure(new ReachabilityEngine(model))).toEqual(referenceExposure(new ReachabilityEngine(model)));
    expect(findings(new ReachabilityEngine(model))).toEqual(referenceFindings(new ReachabilityEngine(model)));
  }, TIME_LIMIT);
});
