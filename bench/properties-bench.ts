// Benchmark (prints figures; budgets in the README): the TradAI properties and
// the matrix by group on the bundled stack and snapshot, after the model is
// loaded. Each figure is the median of several fresh runs (new engine each
// time, so no cache carries over), plus the first run.
import { performance } from 'node:perf_hooks';
import { loadSnapshot } from '../reachability/import/load-snapshot.js';
import { loadStackModel } from '../reachability/cli/stack-model.js';
import { ReachabilityEngine } from '../reachability/paths/query.js';
import { checkProperties } from '../properties/check.js';
import { tradaiProperties } from '../properties/tradai.js';
import { reachabilityMatrix } from '../reachability/analyses/matrix.js';
import { internetExposure } from '../reachability/analyses/exposure.js';
import { findings } from '../reachability/analyses/findings.js';
import type { NetworkModel } from '../reachability/model/types.js';
import { checkOptions } from './lib/cli.js';

const USAGE = `usage: node dist/bench/properties-bench.js   (npm run bench runs it second)

Times the TradAI properties, the matrix by group, the exposure and the findings on the bundled
dev stack (under Pulumi mocks) and snapshot, after the model is loaded: the median of several
fresh runs and the first run. Takes no option.
`;

function time(fn: () => void, runs = 7): { first: number; median: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  const first = samples[0]!;
  samples.sort((a, b) => a - b);
  return { first, median: samples[Math.floor(samples.length / 2)]! };
}

async function main(): Promise<void> {
  checkOptions('properties-bench', USAGE, process.argv.slice(2));
  const inputs: [string, NetworkModel][] = [
    ['stack dev (mocks)', await loadStackModel('dev')],
    ['examples/tradai-snapshot', loadSnapshot('examples/tradai-snapshot')],
  ];
  const rows: string[] = [];
  for (const [name, model] of inputs) {
    const props = tradaiProperties('dev');
    const prove = time(() => checkProperties(model, props, { stack: 'dev', engine: new ReachabilityEngine(model) }));
    const matrix = time(() => reachabilityMatrix(new ReachabilityEngine(model), 'sg'));
    const exposure = time(() => internetExposure(new ReachabilityEngine(model)));
    const found = time(() => findings(new ReachabilityEngine(model)));
    const fmt = (t: { first: number; median: number }) => `${t.median.toFixed(0)} (first ${t.first.toFixed(0)})`;
    rows.push(`| ${name} | ${props.length} | ${fmt(prove)} | ${fmt(matrix)} | ${fmt(exposure)} | ${fmt(found)} |`);
  }
  process.stdout.write(
    ['| model | properties | prove ms | matrix --by sg ms | exposure ms | findings ms |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n') + '\n',
  );
}

await main();
