// reach diff --base A --head B: the flows B adds and removes compared with A,
// in packets (not rule text), the properties whose verdict changed and the
// findings that appeared or went away. Exit 1 when B opens a flow from the
// internet or breaks a property PROVED in A; 0 otherwise; 2 on bad input.
import { loadPropertyFile } from '../../properties/load.js';
import { tradaiProperties } from '../../properties/tradai.js';
import { diffNetworks } from '../analyses/diff.js';
import { ReachabilityEngine } from '../paths/query.js';
import { EXIT, type Io, type Progress, UsageError, progressOn } from '../cli/io.js';
import { modelSummary, readingStep } from '../cli/load-model.js';
import { emit } from './audit-command.js';
import { toolVersion } from '../project.js';
import { type DiffDocument, diffDocument, renderDiffJson, renderDiffMarkdown } from './diff-report.js';
import { type LoadedNetwork, loadNetwork, sideSource } from './load.js';
import { SourceLocator } from './source-lines.js';

export const DIFF_FORMATS = ['md', 'json'] as const;

export interface DiffOptions {
  base?: string;
  head?: string;
  format?: string;
  out?: string;
  properties?: string;
}

function side(n: LoadedNetwork) {
  return { kind: n.kind, name: n.label, engine: new ReachabilityEngine(n.model), locator: new SourceLocator({ bundled: n.kind === 'stack', traces: n.traces }) };
}

export async function buildDiff(o: DiffOptions, onStep: Progress = () => {}): Promise<DiffDocument> {
  if (!o.base || !o.head) throw new UsageError('diff needs --base and --head (a snapshot path or stack:NAME each)');
  const read = async (text: string, flag: string) => {
    const source = sideSource(text, flag);
    onStep(readingStep(source));
    const n = await loadNetwork(source);
    onStep(modelSummary(n.model));
    return n;
  };
  const a = await read(o.base, '--base');
  const b = await read(o.head, '--head');
  // The head's environment decides the TradAI properties (stack:prod has its own); a snapshot is checked as dev.
  const env = b.kind === 'stack' ? b.stack : a.kind === 'stack' ? a.stack : 'dev';
  const properties = o.properties ? loadPropertyFile(o.properties) : tradaiProperties(env);
  const base = side(a);
  const head = side(b);
  const d = diffNetworks({ engine: base.engine, stack: env }, { engine: head.engine, stack: env }, properties, onStep);
  return diffDocument(d, { base, head }, o.properties ? `property file ${o.properties}` : `TradAI properties (${env})`, toolVersion());
}

export async function runDiff(o: DiffOptions, io: Io): Promise<number> {
  const format = o.format ?? 'md';
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}": expected ${DIFF_FORMATS.join(' or ')}`);
  const doc = await buildDiff(o, progressOn(io));
  emit(format === 'json' ? renderDiffJson(doc) : renderDiffMarkdown(doc), o.out, io);
  return doc.verdict.status === 'fail' ? EXIT.expectationFailed : EXIT.ok;
}
