// The importer converts the items as read, not zod's copies of them
// (import/aws/convert.ts): that is only right while the schemas check and
// never change a value (no transform, default or coercion). Every item of the
// real snapshots must come out of its schema equal to what went in.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODELLED, type ModelledKey } from '../../reachability/import/aws/schemas.js';

const REAL = fileURLToPath(new URL('../fixtures/aws-real/', import.meta.url));
const snapshots = readdirSync(REAL, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('the describe-* schemas only check', () => {
  it.each(snapshots)('%s: every modelled item parses to itself', (name) => {
    let items = 0;
    for (const file of readdirSync(join(REAL, name)).filter((f) => f.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(join(REAL, name, file), 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(json)) {
        if (!(key in MODELLED) || !Array.isArray(value)) continue;
        for (const raw of value) {
          expect(MODELLED[key as ModelledKey].schema.parse(raw)).toStrictEqual(raw);
          items++;
        }
      }
    }
    expect(items).toBeGreaterThan(5);
  });
});
