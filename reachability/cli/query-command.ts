// reach query: one question from the flags, or many from --batch (JSON lines).
import { readFileSync } from 'node:fs';
import { ReachabilityEngine, type Query, type QueryAnswer } from '../paths/query.js';
import { QueryError } from '../paths/errors.js';
import { EXIT, type Io, UsageError } from './io.js';
import { parsePortRange, parseProtocol } from './parse-options.js';
import { formatAnswer } from './format-answer.js';
import { loadModel } from './load-model.js';

export interface QueryOptions {
  snapshot?: string;
  stack?: string;
  from?: string;
  to?: string;
  protocol: string;
  port?: string;
  srcPort?: string;
  json?: boolean;
  expect?: string;
  batch?: string;
}

export function toQuery(from: string, to: string, protocol: string, port?: string, srcPort?: string): Query {
  return {
    from,
    to,
    protocol: parseProtocol(protocol),
    ...(port !== undefined ? { ports: parsePortRange(port, '--port') } : {}),
    ...(srcPort !== undefined ? { srcPorts: parsePortRange(srcPort, '--src-port') } : {}),
  };
}

function describe(q: Query, protocol: string, port?: string): string {
  return `${q.from} -> ${q.to}  ${protocol}${port !== undefined ? `/${port}` : ''}`;
}

export async function runQuery(o: QueryOptions, io: Io): Promise<number> {
  if (o.expect !== undefined && o.expect !== 'reachable' && o.expect !== 'unreachable') {
    throw new UsageError(`--expect "${o.expect}": expected reachable or unreachable`);
  }
  if (o.batch) {
    if (o.from || o.to) throw new UsageError('--batch reads its questions from the file: drop --from and --to');
    const text = readBatch(o.batch);
    const engine = new ReachabilityEngine(await loadModel(o));
    runBatch(engine, text, io);
    return EXIT.ok;
  }
  if (!o.from || !o.to) throw new UsageError('query needs --from and --to (or --batch FILE)');
  const q = toQuery(o.from, o.to, o.protocol, o.port, o.srcPort);
  const engine = new ReachabilityEngine(await loadModel(o));
  const answer = engine.query(q);
  io.out(o.json ? `${JSON.stringify(answer, null, 2)}\n` : formatAnswer(describe(q, o.protocol, o.port), answer));
  if (o.expect === undefined) return EXIT.ok;
  return answer.reachable === (o.expect === 'reachable') ? EXIT.ok : EXIT.expectationFailed;
}

function readBatch(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--batch ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

const BATCH_KEYS = new Set(['from', 'to', 'protocol', 'port', 'srcPort']);

/** One answer line per question line, in order; a bad line gets {"error"} and the rest go on. */
export function runBatch(engine: ReachabilityEngine, text: string, io: Io): void {
  const lines = text.split(/\r?\n/);
  const total = lines.filter((l) => l.trim()).length;
  let done = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    io.out(`${JSON.stringify(answerLine(engine, line, i + 1))}\n`);
    done++;
    if (io.stderrIsTty && (done % 100 === 0 || done === total)) io.err(`\r${done}/${total} questions answered`);
  });
  if (io.stderrIsTty && total > 0) io.err('\n');
}

function answerLine(engine: ReachabilityEngine, line: string, n: number): QueryAnswer | { error: string } {
  let spec: unknown;
  try {
    spec = JSON.parse(line);
  } catch (e) {
    return { error: `line ${n}: invalid JSON: ${(e as Error).message}` };
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return { error: `line ${n}: expected a JSON object` };
  const rec = spec as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (!BATCH_KEYS.has(k)) return { error: `line ${n}: unknown key "${k}" (expected from, to, protocol, port, srcPort)` };
  for (const k of Object.keys(rec)) if (typeof rec[k] !== 'string') return { error: `line ${n}: "${k}" must be a string, written as on the command line` };
  const s = rec as Record<string, string>;
  if (!s.from || !s.to) return { error: `line ${n}: "from" and "to" are required` };
  try {
    return engine.query(toQuery(s.from, s.to, s.protocol ?? 'tcp', s.port, s.srcPort));
  } catch (e) {
    if (e instanceof UsageError || e instanceof QueryError) return { error: `line ${n}: ${e.message}` };
    throw e;
  }
}
