// IPv4 address arithmetic. Parsing and validation go through ip-num so that
// every importer rejects the same malformed strings with the same reasons.
import { IPv4, Validator } from 'ip-num';

export interface Ipv4Range {
  readonly lo: number;
  readonly hi: number;
}

// Snapshots repeat the same strings (every rule's CIDR, every address): ip-num's
// verdicts are remembered per string.
const validIpMemo = new Map<string, boolean>();
const cidrProblemMemo = new Map<string, string | null>();

export function isIpv4(text: string): boolean {
  let ok = validIpMemo.get(text);
  if (ok === undefined) {
    ok = Validator.isValidIPv4String(text)[0];
    if (typeof text === 'string') validIpMemo.set(text, ok);
  }
  return ok;
}

/** Returns why a string is not an IPv4 CIDR, or null when it is one. */
export function ipv4CidrProblem(text: string): string | null {
  if (typeof text !== 'string' || !text.includes('/')) return `"${String(text)}" is not a CIDR (address/prefix)`;
  let problem = cidrProblemMemo.get(text);
  if (problem === undefined) {
    const [ok, reasons] = Validator.isValidIPv4CidrNotation(text);
    problem = ok ? null : `"${text}" is not a valid IPv4 CIDR: ${reasons.join('; ')}`;
    cidrProblemMemo.set(text, problem);
  }
  return problem;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpv6Cidr(text: string): boolean {
  return typeof text === 'string' && text.includes(':') && Validator.isValidIPv6CidrNotation(text)[0];
}

// Parsing through ip-num is exact but slow; models repeat the same strings, so results are memoised.
const ipMemo = new Map<string, number>();
const cidrMemo = new Map<string, Ipv4Range>();

export function parseIpv4(text: string): number {
  let n = ipMemo.get(text);
  if (n === undefined) {
    if (!isIpv4(text)) throw new Error(`"${text}" is not an IPv4 address`);
    // A valid dotted quad's value directly; anything else as ip-num reads it.
    const m = DOTTED.exec(text);
    n = m ? ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]) : Number(IPv4.fromDecimalDottedString(text).getValue());
    ipMemo.set(text, n);
  }
  return n;
}

/** The address range a CIDR covers; host bits, when set, are masked off. */
export function parseIpv4Cidr(text: string): Ipv4Range {
  let r = cidrMemo.get(text);
  if (!r) {
    r = parseCidrUncached(text);
    cidrMemo.set(text, r);
  }
  return r;
}

function parseCidrUncached(text: string): Ipv4Range {
  const problem = ipv4CidrProblem(text);
  if (problem) throw new Error(problem);
  const [addr, prefixText] = text.split('/');
  const prefix = Number(prefixText);
  const base = parseIpv4(addr!);
  const size = 2 ** (32 - prefix);
  // The string is valid (ip-num said so above); its range is plain arithmetic
  // (the tests hold it against ip-num's IPv4CidrRange).
  const lo = Math.floor(base / size) * size;
  return { lo, hi: lo + size - 1 };
}

export function cidrPrefixLength(text: string): number {
  return Number(text.split('/')[1]);
}

export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The smallest list of CIDRs covering exactly [lo, hi]. */
export function rangeToCidrs(range: Ipv4Range): string[] {
  const out: string[] = [];
  let lo = range.lo;
  while (lo <= range.hi) {
    let size = 1;
    while (lo % (size * 2) === 0 && lo + size * 2 - 1 <= range.hi && size < 2 ** 32) size *= 2;
    const prefix = 32 - Math.log2(size);
    out.push(`${formatIpv4(lo)}/${prefix}`);
    lo += size;
  }
  return out;
}

export function formatRange(range: Ipv4Range): string {
  if (range.lo === range.hi) return formatIpv4(range.lo);
  const cidrs = rangeToCidrs(range);
  return cidrs.length === 1 ? cidrs[0]! : `${formatIpv4(range.lo)}-${formatIpv4(range.hi)}`;
}

/** Addresses that are never on the public internet (RFC 1918 and carrier-grade NAT). */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** Addresses that are no host at all: this-network, loopback, link-local, multicast, reserved. */
export const NON_HOST_RANGES: readonly string[] = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'];

/** Ranges (of addresses or any other field) sorted, with overlapping and touching ones merged; new objects. */
export function mergeRanges(ranges: readonly Ipv4Range[]): Ipv4Range[] {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
  const merged: Ipv4Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.lo <= last.hi + 1) merged[merged.length - 1] = { lo: last.lo, hi: Math.max(last.hi, r.hi) };
    else merged.push({ lo: r.lo, hi: r.hi });
  }
  return merged;
}

/** The intersection of two merged, ascending range lists, in one sweep. */
export function intersectMerged(a: readonly Ipv4Range[], b: readonly Ipv4Range[]): Ipv4Range[] {
  const out: Ipv4Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!.lo, b[j]!.lo);
    const hi = Math.min(a[i]!.hi, b[j]!.hi);
    if (lo <= hi) out.push({ lo, hi });
    if (a[i]!.hi < b[j]!.hi) i++;
    else j++;
  }
  return out;
}

/**
 * At most `max` ranges covering the given ones: the smallest gaps between
 * neighbours are filled first. A superset, for work that is exact per address
 * and restricted to the true ranges afterwards (the internet's hosts are
 * thousands of ranges split by single public addresses; a tier's interfaces
 * are thousands of single addresses).
 */
export function rangeHull(ranges: readonly Ipv4Range[], max: number): Ipv4Range[] {
  const merged = mergeRanges(ranges);
  if (merged.length <= max) return merged;
  // Gap i lies between merged[i] and merged[i + 1]; keep the largest max - 1 of them open.
  const gaps = merged.slice(1).map((r, i) => ({ i, size: r.lo - merged[i]!.hi }));
  gaps.sort((a, b) => b.size - a.size || a.i - b.i);
  const open = new Set(gaps.slice(0, Math.max(0, max - 1)).map((g) => g.i));
  const out: Ipv4Range[] = [];
  let cur = { ...merged[0]! };
  for (let i = 0; i + 1 < merged.length; i++) {
    if (open.has(i)) {
      out.push(cur);
      cur = { ...merged[i + 1]! };
    } else cur.hi = merged[i + 1]!.hi;
  }
  out.push(cur);
  return out;
}
