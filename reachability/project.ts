// Where the project's own files are (its root, whether this runs from source or
// from dist/) and the version it carries: for the CLI, the reports, the Pulumi
// program's stack files and the gate. I/O, read at the edges only.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Pulumi.yaml: the repository root. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'Pulumi.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('Pulumi.yaml not found above the engine');
    dir = up;
  }
  return dir;
}

/** package.json's version: what `reach --version` prints and every report carries as tool.version. */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
