// reach audit: the report a reviewer reads before a network change ships, in
// Markdown, HTML, JSON, SARIF or JUnit. Exit 1 when a property is VIOLATED or
// UNDECIDED (as `reach prove`), 0 otherwise, 2 on bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadPropertyFile } from '../../properties/load.js';
import { tradaiProperties } from '../../properties/tradai.js';
import { ReachabilityEngine } from '../paths/query.js';
import { EXIT, type Io, type Progress, UsageError, progressOn } from '../cli/io.js';
import { modelSummary, readingStep } from '../cli/load-model.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { loadNetwork } from './load.js';
import { renderMarkdown } from './markdown.js';
import { buildAuditReport } from './model.js';
import { renderSarif } from './sarif.js';
import { SourceLocator } from './source-lines.js';
import { toolVersion } from '../project.js';
import type { AuditReport } from './types.js';

export const AUDIT_FORMATS = ['md', 'html', 'json', 'sarif', 'junit'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditOptions {
  snapshot?: string;
  stack?: string;
  format?: string;
  out?: string;
  properties?: string;
  /** The most groups with members whose matrix the report lists (text, as the flag gives it). */
  sgMatrixLimit?: string;
}

export async function renderReport(report: AuditReport, format: AuditFormat): Promise<string> {
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
  }
}

/** Writes to --out (creating its folder) or stdout; a file that cannot be written is bad input. */
export function emit(text: string, out: string | undefined, io: Io): void {
  if (!out) return io.out(text);
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  } catch (e) {
    throw new UsageError(`--out ${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export async function buildAudit(o: AuditOptions, onStep: Progress = () => {}): Promise<AuditReport> {
  const properties = o.properties ? loadPropertyFile(o.properties) : tradaiProperties(o.stack ?? 'dev');
  onStep(readingStep(o));
  const network = await loadNetwork(o);
  onStep(modelSummary(network.model));
  const engine = new ReachabilityEngine(network.model);
  return buildAuditReport({
    engine,
    subject: {
      kind: network.kind,
      name: network.label,
      environment: network.stack,
      propertySet: o.properties ? `property file ${o.properties}` : `TradAI properties (${network.stack})`,
    },
    properties,
    ...(o.properties ? { propertyFile: o.properties } : {}),
    locator: new SourceLocator({ bundled: network.kind === 'stack', traces: network.traces }),
    version: toolVersion(),
    ...(o.sgMatrixLimit !== undefined ? { maxSgLabels: sgMatrixLimit(o.sgMatrixLimit) } : {}),
    onStep,
  });
}

function sgMatrixLimit(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--sg-matrix-limit "${text}": expected a whole number of security groups (0 or more)`);
  return Number(text);
}

export async function runAudit(o: AuditOptions, io: Io): Promise<number> {
  const format = (o.format ?? 'md') as AuditFormat;
  if (!AUDIT_FORMATS.includes(format)) throw new UsageError(`--format "${o.format}": expected ${AUDIT_FORMATS.join(', ')}`);
  const report = await buildAudit(o, progressOn(io));
  emit(await renderReport(report, format), o.out, io);
  if (o.out && io.stderrIsTty) io.err(`${report.verdict.text}\nwrote ${o.out}\n`);
  return report.verdict.status === 'fail' ? EXIT.expectationFailed : EXIT.ok;
}
