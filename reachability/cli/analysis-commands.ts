// reach prove, reach matrix, reach exposure: thin layers over the property
// checker and the analyses.
import { checkProperties, type PropertyResult } from '../../properties/check.js';
import { tradaiProperties } from '../../properties/tradai.js';
import { loadPropertyFile } from '../../properties/load.js';
import { ReachabilityEngine } from '../paths/query.js';
import { findings, sourceText, type Finding } from '../analyses/findings.js';
import { type MatrixAxis, planMatrix } from '../analyses/matrix.js';
import { writeMatrixCompactJson, writeMatrixCompactText, writeMatrixJson, writeMatrixText } from './matrix-output.js';
import { internetExposure } from '../analyses/exposure.js';
import { summaryText } from '../analyses/port-summary.js';
import { EXIT, type Io, UsageError, progressOn } from './io.js';
import { loadModel, modelSummary, readingStep } from './load-model.js';
import { blockText, hopsText, packetText, ruleText } from './format-answer.js';

interface ModelOptions {
  snapshot?: string;
  stack?: string;
  json?: boolean;
}

function progress(io: Io, step: string): void {
  progressOn(io)(step);
}

async function engineFor(o: ModelOptions, io: Io): Promise<ReachabilityEngine> {
  progress(io, readingStep(o));
  const model = await loadModel(o);
  progress(io, modelSummary(model));
  return new ReachabilityEngine(model);
}

const FINDINGS_STEP = 'looking for dead, shadowed and redundant rules';
const EXPOSURE_STEP = 'finding what the internet reaches';

function findingLines(list: readonly Finding[]): string[] {
  if (list.length === 0) return ['Findings: none'];
  return [`Findings (${list.length}):`, ...list.map((f) => `  ${f.severity.padEnd(6)} ${f.kind}: ${f.message}\n         [${sourceText(f.rule.source)}]`)];
}

/** The model's warnings (what the snapshot lacks or the engine does not model), after the answer they qualify. */
function warningLines(engine: ReachabilityEngine): string[] {
  const w = engine.warnings();
  return w.length === 0 ? [] : ['', `Warnings (${w.length}):`, ...w.map((x) => `  - ${x}`)];
}

function resultLines(r: PropertyResult): string[] {
  const lines = [`${r.verdict.padEnd(9)} ${r.id}: ${r.reason}`, `          ${r.detail}`];
  if (r.verdict !== 'PROVED' && r.counterexample) {
    if (r.counterexample.witness.srcIp) lines.push(`          counterexample: ${packetText(r.counterexample.witness)}`);
    lines.push(...hopsText('path', r.counterexample.forward, '          '), ...hopsText('return path', r.counterexample.return, '          '));
    if (r.counterexample.blocked) lines.push(...blockText(r.counterexample.blocked).split('\n').map((l) => `          ${l}`));
  }
  if (r.culprit) lines.push(`          let through by: ${ruleText(r.culprit)}`);
  return lines;
}

export async function runProve(o: ModelOptions & { properties?: string }, io: Io): Promise<number> {
  const properties = o.properties ? loadPropertyFile(o.properties) : tradaiProperties(o.stack ?? 'dev');
  const engine = await engineFor(o, io);
  progress(io, `checking ${properties.length} properties`);
  const results = checkProperties(engine.model, properties, { stack: o.stack ?? 'dev', engine });
  engine.ctx.release(); // the searches' regions and the findings' estate flows need not coexist
  progress(io, FINDINGS_STEP);
  const found = findings(engine);
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const summary = { proved: count('PROVED'), violated: count('VIOLATED'), undecided: count('UNDECIDED') };
  if (o.json) io.out(`${JSON.stringify({ summary, results, findings: found, warnings: engine.warnings() }, null, 2)}\n`);
  else {
    const head = `${o.properties ?? 'TradAI properties'} on ${o.snapshot ?? `stack ${o.stack ?? 'dev'}`}: ${summary.proved} PROVED, ${summary.violated} VIOLATED, ${summary.undecided} UNDECIDED`;
    io.out(`${[head, '', ...results.flatMap(resultLines), '', ...findingLines(found), ...warningLines(engine)].join('\n')}\n`);
  }
  return summary.violated + summary.undecided > 0 ? EXIT.expectationFailed : EXIT.ok;
}

/** Above a million cells, someone watching is told of --compact. */
export function largeMatrixHint(cells: number): string | null {
  return cells > 1_000_000 ? `writing ${cells} pairs, one line each; --compact prints the same answer factored\n` : null;
}

export async function runMatrix(o: ModelOptions & { by: string; compact?: boolean }, io: Io): Promise<number> {
  if (!['sg', 'subnet', 'tier'].includes(o.by)) throw new UsageError(`--by "${o.by}": expected sg, subnet or tier`);
  const engine = await engineFor(o, io);
  progress(io, 'computing the matrix');
  // The matrix's stdout is its listing alone (scripts read it line by line or as {by, cells}):
  // what qualifies it goes to stderr, watched or not.
  for (const w of engine.warnings()) io.err(`warning: ${w}\n`);
  const plan = planMatrix(engine, o.by as MatrixAxis);
  if (io.stderrIsTty && !o.compact) {
    const hint = largeMatrixHint(plan.cellCount());
    if (hint) io.err(hint);
  }
  if (o.compact) await (o.json ? writeMatrixCompactJson : writeMatrixCompactText)(plan, o.by, io);
  else await (o.json ? writeMatrixJson : writeMatrixText)(plan, o.by, io);
  return EXIT.ok;
}

export async function runExposure(o: ModelOptions, io: Io): Promise<number> {
  const engine = await engineFor(o, io);
  progress(io, EXPOSURE_STEP);
  const exposed = internetExposure(engine);
  progress(io, FINDINGS_STEP);
  const found = findings(engine);
  if (o.json) io.out(`${JSON.stringify({ exposed, findings: found, warnings: engine.warnings() }, null, 2)}\n`);
  else {
    const lines = exposed.flatMap((x) => [
      `${x.interface}${x.name ? ` (${x.name})` : ''} in ${x.subnet}, groups ${x.groups.join(', ')}, public ${x.publicAddresses.join(', ')}: ${summaryText(x.forward)}${summaryText(x.connectable) === summaryText(x.forward) ? '' : `; connectable: ${summaryText(x.connectable)}`}`,
      `  example: ${packetText(x.example.witness)}`,
      ...hopsText('path', x.example.forward, '  '),
    ]);
    io.out(`${[`Reachable from the internet: ${exposed.length} interface(s)`, ...lines, '', ...findingLines(found), ...warningLines(engine)].join('\n')}\n`);
  }
  return EXIT.ok;
}
