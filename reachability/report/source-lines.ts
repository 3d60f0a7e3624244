// Where a rule is written, as a file and line a reviewer (or GitHub code
// scanning) can open. The model keeps each rule's source as a resource and a
// field; this turns that into a line:
// - bundled stack (a Pulumi URN): the line of infra/*.ts that declares the
//   resource, found by its distinctive literal (a rule's description inside
//   its group's builder, an ACL rule number inside its tier's table, the
//   resource name passed to `new`), else by Pulumi's recorded stack trace of
//   the registration mapped through the source maps beside dist/;
// - a snapshot file (describe-* JSON, a stack export or preview): the line of
//   the resource's id in that file, refined to the field when it can be followed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceRef } from '../model/types.js';
import { parseUrn } from '../import/pulumi/pulumi-resource.js';
import { JsonPositions, findResource, followPath } from './json-positions.js';
import type { StackFrame } from './load.js';
import { projectRoot } from '../project.js';

export interface SourceLocation {
  /** Relative to the project root with forward slashes, or a file: URI outside it. */
  readonly uri: string;
  readonly line: number;
  readonly column?: number;
  /** How the line was found. */
  readonly how: 'literal' | 'stack-trace' | 'json' | 'file';
}

interface Needle {
  readonly literal: string;
  /** The nearest line above that matches the pattern must capture this value (the builder or table the literal sits in). */
  readonly section?: { readonly pattern: RegExp; readonly value: string };
  /** Only lines that also match (e.g. a `new` call: the declaration, not a constant). */
  readonly line?: RegExp;
}

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? listTs(p) : e.endsWith('.ts') && !e.endsWith('.d.ts') ? [p] : [];
    });
}

/** How the TradAI program writes each kind of resource (infra/security/rules.ts, infra/config.ts). */
function infraNeedles(type: string, name: string, description?: string): Needle[] {
  const needles: Needle[] = [];
  const rule = /^tradai-([\w]+)-sg-(?:in|out)-/.exec(name);
  if (/SecurityGroup(Ingress|Egress)Rule$/.test(type) && rule && description) {
    needles.push({ literal: JSON.stringify(description), section: { pattern: /rules\("([\w-]+)"\)/, value: rule[1]! } });
  }
  const acl = /^tradai-([\w]+)-nacl-(in|out)-(\d+)$/.exec(name);
  if (/NetworkAclRule$/.test(type) && acl) {
    needles.push({ literal: `acl${acl[2] === 'in' ? 'In' : 'Out'}(${acl[3]},`, section: { pattern: /^\s*(\w+): \[/, value: acl[1]! } });
  }
  needles.push({ literal: JSON.stringify(name), line: /\bnew\s/ });
  return needles;
}

export class SourceLocator {
  private readonly sources = new Map<string, string[]>();
  private readonly json = new Map<string, JsonPositions | null>();
  private readonly maps = new Map<string, SourceMap | null>();
  private readonly cache = new Map<SourceRef, SourceLocation | null>();

  constructor(
    private readonly options: {
      readonly root?: string;
      /** Pulumi's stack trace of each registration, by URN (the bundled stack). */
      readonly traces?: ReadonlyMap<string, readonly StackFrame[]>;
      /** The model came from the bundled program: URNs point into infra/. */
      readonly bundled: boolean;
    },
  ) {}

  private get root(): string {
    return this.options.root ?? projectRoot();
  }

  private readonly uris = new Map<string, string>();

  /** A path as a SARIF-style URI: relative to the project root when inside it (kept: an estate's rules are 100,000 calls for a few files). */
  uriOf(path: string): string {
    let uri = this.uris.get(path);
    if (uri === undefined) {
      const abs = resolve(path);
      const rel = relative(this.root, abs);
      uri = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : pathToFileURL(abs).href;
      this.uris.set(path, uri);
    }
    return uri;
  }

  locate(ref: SourceRef, description?: string): SourceLocation | null {
    if (this.cache.has(ref)) return this.cache.get(ref)!;
    const found = this.options.bundled ? this.inInfra(ref, description) : this.inFile(ref);
    this.cache.set(ref, found);
    return found;
  }

  /** Where a property is declared: the property file, else properties/tradai.ts. */
  locateProperty(id: string, file?: string): SourceLocation | null {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (file) {
      const lines = this.lines(resolve(file));
      const i = lines.findIndex((l) => new RegExp(`\\bid["']?\\s*:\\s*["']?${escaped}["']?\\s*,?\\s*$`).test(l));
      return i < 0 ? null : { uri: this.uriOf(file), line: i + 1, how: 'literal' };
    }
    const path = join(this.root, 'properties', 'tradai.ts');
    const lines = this.lines(path);
    let i = lines.findIndex((l) => l.includes(`'${id}'`) || l.includes(`"${id}"`));
    // Ids written as templates (`alb-reaches-${service}`): the template that produces this id.
    if (i < 0) i = lines.findIndex((l) => [...l.matchAll(/`([^`]*\$\{[^`]*)`/g)].some((m) => templateMatches(m[1]!, id)));
    if (i < 0) i = lines.findIndex((l) => l.includes('function tradaiProperties'));
    return i < 0 ? null : { uri: this.uriOf(path), line: i + 1, how: 'literal' };
  }

  private lines(path: string): string[] {
    let lines = this.sources.get(path);
    if (!lines) {
      lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
      this.sources.set(path, lines);
    }
    return lines;
  }

  private inInfra(ref: SourceRef, description?: string): SourceLocation | null {
    const infra = join(this.root, 'infra');
    const files = listTs(infra);
    const needles: Needle[] = [];
    if (ref.resource.startsWith('urn:pulumi:')) {
      const { type, name } = parseUrn(ref.resource);
      needles.push(...infraNeedles(type, name, description));
    } else {
      // Declared as data (placements, run-time routes): the entry's name, else the function that lists them.
      if (ref.field) needles.push({ literal: JSON.stringify(ref.field) });
      needles.push({ literal: `function ${ref.resource}(` });
    }
    for (const n of needles) {
      for (const f of files) {
        const lines = this.lines(f);
        const i = lines.findIndex((l, k) => l.includes(n.literal) && (!n.line || n.line.test(l)) && (!n.section || sectionOf(lines, k, n.section.pattern) === n.section.value));
        if (i >= 0) return { uri: this.uriOf(f), line: i + 1, column: lines[i]!.indexOf(n.literal) + 1, how: 'literal' };
      }
    }
    const traced = this.fromTrace(ref.resource);
    if (traced) return traced;
    const index = join(infra, 'index.ts');
    return existsSync(index) ? { uri: this.uriOf(index), line: 1, how: 'file' } : null;
  }

  /** The innermost frame of the registration that lies in infra/, through the source map when it ran from dist/. */
  private fromTrace(urn: string): SourceLocation | null {
    const infra = join(this.root, 'infra') + sep;
    for (const frame of this.options.traces?.get(urn) ?? []) {
      // Pulumi writes some frames as file:///ROOT/file:/ROOT/...: the path is after the last `file:`.
      const path = resolve(frame.uri.slice(frame.uri.lastIndexOf('file:') + 'file:'.length).replace(/^\/+/, '/'));
      if (path.endsWith('.ts') && path.startsWith(infra)) return { uri: this.uriOf(path), line: frame.line, ...(frame.column ? { column: frame.column } : {}), how: 'stack-trace' };
      if (!path.endsWith('.js')) continue;
      const map = this.sourceMap(`${path}.map`);
      const entry = map?.findEntry(frame.line - 1, (frame.column ?? 1) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (!entry?.originalSource || entry.originalLine === undefined) continue;
      const original = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(path), entry.originalSource);
      if (!original.startsWith(infra)) continue;
      return { uri: this.uriOf(original), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1, how: 'stack-trace' };
    }
    return null;
  }

  private sourceMap(path: string): SourceMap | null {
    if (!this.maps.has(path)) {
      try {
        this.maps.set(path, new SourceMap(JSON.parse(readFileSync(path, 'utf8'))));
      } catch {
        this.maps.set(path, null);
      }
    }
    return this.maps.get(path)!;
  }

  private inFile(ref: SourceRef): SourceLocation | null {
    if (!ref.file) return null;
    const path = resolve(ref.file);
    let doc = this.json.get(path);
    if (doc === undefined) {
      try {
        doc = new JsonPositions(readFileSync(path, 'utf8'));
      } catch {
        doc = null;
      }
      this.json.set(path, doc);
    }
    if (!doc) return null;
    const found = findResource(doc.root, ref.resource);
    if (!found) return { uri: this.uriOf(path), line: 1, how: 'file' };
    let at = found.at;
    if (ref.field) {
      // A Pulumi resource keeps its fields under inputs (and outputs); a describe-* object has them itself.
      const paths = found.node.kind === 'object' && found.node.members.has('urn') ? [`inputs.${ref.field}`, `outputs.${ref.field}`] : [ref.field];
      const deepest = paths.map((p) => followPath(found.node, p)).find((r) => r?.complete);
      if (deepest) at = deepest.at;
    }
    const { line, column } = doc.lineOf(at);
    return { uri: this.uriOf(path), line, column, how: 'json' };
  }
}

function sectionOf(lines: readonly string[], from: number, pattern: RegExp): string | undefined {
  for (let k = from; k >= 0; k--) {
    const m = pattern.exec(lines[k]!);
    if (m) return m[1];
  }
  return undefined;
}

function templateMatches(template: string, id: string): boolean {
  const parts = template.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`).test(id);
}
