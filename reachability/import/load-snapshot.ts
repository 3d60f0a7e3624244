// Reads a snapshot from disk (the I/O edge of the importers): a folder of
// describe-* JSON files, one such file, a `pulumi stack export` file or a
// `pulumi preview --json` file. Returns the model; bad input becomes one
// ImportError naming the file.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkModel } from '../model/types.js';
import { ImportError } from './import-error.js';
import { type SnapshotDocument, convertDescribeSnapshot } from './aws/convert.js';
import { isPreview, isStackExport, readPreview, readStackExport } from './pulumi/load-stack.js';
import { convertPulumiStack } from './pulumi/convert.js';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Windows tools (PowerShell's Out-File) write a byte-order mark; JSON itself has none.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `invalid JSON${jsonErrorPlace(text, (e as Error).message)}`);
  }
}

export function loadSnapshot(path: string): NetworkModel {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new ImportError(path, undefined, undefined, 'no such file or folder');
  }
  if (!isDir) {
    const json = readJsonFile(path);
    if (isStackExport(json)) return convertPulumiStack(readStackExport(path, json), path);
    if (isPreview(json)) return convertPulumiStack(readPreview(path, json), path);
    return convertDescribeSnapshot([{ file: path, json }]);
  }
  const files = readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .sort();
  if (files.length === 0) throw new ImportError(path, undefined, undefined, 'the folder holds no .json file (expected describe-* outputs such as Vpcs.json)');
  // Read one file at a time: each is converted and its parsed JSON let go before the next is read.
  function* docs(): Generator<SnapshotDocument> {
    for (const f of files) yield { file: join(path, f), json: readJsonFile(join(path, f)) };
  }
  return convertDescribeSnapshot(docs());
}

/** Where JSON.parse stopped, as line and column, and its reason on one line. */
function jsonErrorPlace(text: string, message: string): string {
  const reason = message.replace(/\s+/g, ' ').replace(/, ".*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '').trim();
  const m = /position (\d+)/.exec(message);
  let pos = m ? Number(m[1]) : /Unexpected end/.test(message) ? text.length : -1;
  if (pos < 0) {
    const token = /Unexpected token '(.)'/.exec(message);
    if (token) pos = text.indexOf(token[1]!, 0);
  }
  if (pos < 0) return `: ${reason}`;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` at line ${line} column ${column}: ${reason}`;
}
