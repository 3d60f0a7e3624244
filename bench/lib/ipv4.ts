// Minimal IPv4 arithmetic on unsigned 32-bit numbers (no dependencies).

export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new Error(`bad IPv4 address: ${ip}`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) throw new Error(`bad IPv4 address: ${ip}`);
    const v = Number(p);
    if (v > 255) throw new Error(`bad IPv4 address: ${ip}`);
    n = n * 256 + v;
  }
  return n;
}

export function intToIp(n: number): string {
  const v = n >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** The canonical CIDR of the block of `prefixLength` that holds `address`. */
export function cidrOf(address: number, prefixLength: number): string {
  const size = blockSize(prefixLength);
  return `${intToIp(Math.floor(address / size) * size)}/${prefixLength}`;
}

export interface Cidr {
  base: number;
  length: number;
}

/** Parses a canonical CIDR (host bits must be zero). */
export function parseCidr(cidr: string): Cidr {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr);
  if (!m) throw new Error(`bad CIDR: ${cidr}`);
  const base = ipToInt(m[1] as string);
  const length = Number(m[2]);
  if (length > 32) throw new Error(`bad CIDR: ${cidr}`);
  if (base % blockSize(length) !== 0) throw new Error(`CIDR has host bits set: ${cidr}`);
  return { base, length };
}

export function cidrContainsIp(cidr: string | Cidr, ip: string | number): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const n = typeof ip === 'string' ? ipToInt(ip) : ip;
  return n >= c.base && n < c.base + blockSize(c.length);
}

export function cidrContainsCidr(outer: string | Cidr, inner: string | Cidr): boolean {
  const o = typeof outer === 'string' ? parseCidr(outer) : outer;
  const i = typeof inner === 'string' ? parseCidr(inner) : inner;
  return i.length >= o.length && cidrContainsIp(o, i.base);
}
