// Reads a snapshot from disk (the I/O edge of the importers): a folder of
// describe-* JSON files, or one such file. Returns the model; bad input
// becomes one ImportError naming the file.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkModel } from '../model/types.js';
import { ImportError } from './import-error.js';
import { type SnapshotDocument, convertDescribeSnapshot } from './aws/convert.js';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `invalid JSON: ${(e as Error).message}`);
  }
}

export function loadSnapshot(path: string): NetworkModel {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new ImportError(path, undefined, undefined, 'no such file or folder');
  }
  if (!isDir) return convertDescribeSnapshot([{ file: path, json: readJsonFile(path) }]);
  const files = readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .sort();
  if (files.length === 0) throw new ImportError(path, undefined, undefined, 'the folder holds no .json file (expected describe-* outputs such as Vpcs.json)');
  const docs: SnapshotDocument[] = files.map((f) => ({ file: join(path, f), json: readJsonFile(join(path, f)) }));
  return convertDescribeSnapshot(docs);
}
