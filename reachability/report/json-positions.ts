// A JSON reader that keeps where each value starts, so a rule read from
// `SecurityGroups.json` can be pointed at its line (SARIF, the inventory).
// JSON.parse forgets positions; this is the smallest parser that does not.

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly members: ReadonlyMap<string, { readonly keyStart: number; readonly value: JsonNode }> }
  | { readonly kind: 'array'; readonly start: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'scalar'; readonly start: number; readonly value: string | number | boolean | null };

export class JsonPositions {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  readonly root: JsonNode;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.root = this.value();
  }

  /** 1-based line and column of an offset. */
  lineOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  private ws(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  private value(): JsonNode {
    this.ws();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') {
      this.pos++;
      const members = new Map<string, { keyStart: number; value: JsonNode }>();
      this.ws();
      if (this.text[this.pos] === '}') return this.pos++, { kind: 'object', start, members };
      for (;;) {
        this.ws();
        const keyStart = this.pos;
        const key = this.string();
        this.ws();
        this.expect(':');
        members.set(key, { keyStart, value: this.value() });
        this.ws();
        if (this.text[this.pos] === ',') this.pos++;
        else return this.expect('}'), { kind: 'object', start, members };
      }
    }
    if (c === '[') {
      this.pos++;
      const items: JsonNode[] = [];
      this.ws();
      if (this.text[this.pos] === ']') return this.pos++, { kind: 'array', start, items };
      for (;;) {
        items.push(this.value());
        this.ws();
        if (this.text[this.pos] === ',') this.pos++;
        else return this.expect(']'), { kind: 'array', start, items };
      }
    }
    if (c === '"') return { kind: 'scalar', start, value: this.string() };
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) throw new SyntaxError(`unexpected character at offset ${this.pos}`);
    this.pos += m[0].length;
    return { kind: 'scalar', start, value: JSON.parse(m[0]) as number | boolean | null };
  }

  private string(): string {
    const start = this.pos;
    this.expect('"');
    while (this.pos < this.text.length && this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    this.expect('"');
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new SyntaxError(`expected ${ch} at offset ${this.pos}`);
    this.pos++;
  }
}

type Located = { readonly node: JsonNode; readonly at: number };

const indexes = new WeakMap<JsonNode, ReadonlyMap<string, Located>>();

/**
 * Every id of a document, each with the shallowest object that has an `urn`
 * or `...Id` member equal to it (the first in breadth-first order), built in
 * one pass: a report locates each of an estate's 100,000 rules, and a search
 * of the whole document per rule made that quadratic.
 */
function resourceIndex(root: JsonNode): ReadonlyMap<string, Located> {
  let index = indexes.get(root);
  if (index) return index;
  const found = new Map<string, Located>();
  let layer: JsonNode[] = [root];
  while (layer.length > 0) {
    const next: JsonNode[] = [];
    for (const n of layer) {
      if (n.kind === 'object') {
        for (const [key, m] of n.members) {
          if ((key === 'urn' || /Id$/.test(key)) && m.value.kind === 'scalar' && typeof m.value.value === 'string' && !found.has(m.value.value)) found.set(m.value.value, { node: n, at: m.keyStart });
        }
        for (const m of n.members.values()) next.push(m.value);
      } else if (n.kind === 'array') for (const item of n.items) next.push(item);
    }
    layer = next;
  }
  indexes.set(root, (index = found));
  return index;
}

/** The shallowest object with an `urn` or `...Id` member equal to id, and where that member starts. */
export function findResource(root: JsonNode, id: string): Located | null {
  return resourceIndex(root).get(id) ?? null;
}

/** Follows `IpPermissions[0].IpRanges[1]` from a node as far as it goes: the start of the deepest member reached. */
export function followPath(node: JsonNode, path: string): { at: number; complete: boolean } | null {
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  let current = node;
  let at: number | null = null;
  for (const s of segments) {
    if (typeof s === 'number' && current.kind === 'array' && current.items[s]) {
      current = current.items[s]!;
      at = current.start;
    } else if (typeof s === 'string' && current.kind === 'object' && current.members.has(s)) {
      const m = current.members.get(s)!;
      current = m.value;
      at = m.keyStart;
    } else return at === null ? null : { at, complete: false };
  }
  return at === null ? null : { at, complete: true };
}
