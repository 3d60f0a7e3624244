// Property files (the I/O edge of the property layer): JSON or YAML, validated.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ImportError, fieldPath } from '../reachability/import/import-error.js';
import type { Property } from './language.js';
import { PropertyFileSchema, propertiesOf } from './schema.js';
import { PropertyError, trafficSet } from './traffic.js';

export function loadPropertyFile(file: string): Property[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ImportError(file, undefined, undefined, `invalid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = PropertyFileSchema.safeParse(doc);
  if (!parsed.success) {
    // The union reports its first branch's issues; the list form is the one people write.
    const issue = parsed.error.issues[0]!;
    const deepest = issue.code === 'invalid_union' ? (issue.errors.flat().sort((a, b) => b.path.length - a.path.length)[0] ?? issue) : issue;
    const path = fieldPath(deepest.path);
    const list = Array.isArray(doc) ? doc : (doc as { properties?: unknown[] } | null)?.properties;
    const index = typeof deepest.path[0] === 'number' ? deepest.path[0] : typeof deepest.path[1] === 'number' ? deepest.path[1] : undefined;
    const id = index !== undefined && Array.isArray(list) ? (list[index] as { id?: unknown } | undefined)?.id : undefined;
    throw new ImportError(file, typeof id === 'string' ? id : undefined, path || undefined, deepest.message);
  }
  const properties = propertiesOf(parsed.data);
  const seen = new Set<string>();
  properties.forEach((p, i) => {
    if (seen.has(p.id)) throw new ImportError(file, p.id, `[${i}].id`, 'duplicate property id');
    seen.add(p.id);
    // Protocols and ports are checked here, so a bad one names the file.
    for (const [field, traffic] of [['traffic', 'traffic' in p ? p.traffic : undefined], ['allowed.traffic', 'allowed' in p ? p.allowed.traffic : undefined]] as const) {
      try {
        trafficSet(traffic, field);
      } catch (e) {
        if (e instanceof PropertyError) throw new ImportError(file, p.id, `[${i}].${field}`, e.message.slice(field.length + 2));
        throw e;
      }
    }
  });
  return properties;
}
