// Output: the AWS CLI's JSON layout, and writing an estate's documents into a
// folder (one file per describe-* call).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The AWS CLI's JSON layout: one-space indentation, trailing newline. */
export function serializeDocument(doc: unknown): string {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

export interface WrittenFile {
  file: string;
  bytes: number;
}

/** Writes every document of the estate into `dir` (created if missing). */
export function writeEstate(dir: string, files: Record<string, unknown>): WrittenFile[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([file, doc]) => {
    const text = serializeDocument(doc);
    writeFileSync(join(dir, file), text);
    return { file, bytes: Buffer.byteLength(text) };
  });
}
