// Address allocation: which subnet each interface lands in, how many addresses
// each subnet needs, and the sources the NAT gateway and interface steps draw
// their private addresses, public addresses, MAC addresses and DNS names from.

import { blockSize, intToIp, parseCidr } from '../lib/ipv4.js';
import type { Rng } from '../lib/prng.js';
import type { EstateContext } from './context.js';
import { usableAddresses } from './options.js';
import type { SubnetPlan, VpcPlan } from './plan.js';

const PUBLIC_IP_POOLS: readonly string[] = ['3.128.0.0/11', '18.216.0.0/14'];

export interface Addresses {
  /** The interfaces' random stream; the NAT gateway and interface steps go on drawing from it. */
  ifaceRng: Rng;
  /** Usable addresses per subnet. */
  capacity: number;
  /** The subnet of each ordinary interface. */
  subnetOfIface: SubnetPlan[];
  /** The number of secondary private addresses of each ordinary interface. */
  secondaries: number[];
  takeAddress: (s: SubnetPlan) => string;
  takePublicIp: () => string;
  dns: (ip: string) => string;
  publicDns: (ip: string) => string;
  mac: () => string;
}

/** How many addresses each subnet needs, and the draw of every subnet's addresses. */
export function allocateAddresses(ctx: EstateContext, vpcs: VpcPlan[], subnets: SubnetPlan[]): Addresses {
  const { o, rng } = ctx;
  const ifaceRng = rng('interfaces');
  const capacity = usableAddresses(o.subnetPrefix);
  for (const vpc of vpcs) (vpc.natSubnet as SubnetPlan).used += 1;
  const subnetOfIface: SubnetPlan[] = [];
  {
    const weights = subnets.map(() => ifaceRng.skewed());
    const cumulative: number[] = [];
    let acc = 0;
    for (const w of weights) cumulative.push((acc += w));
    for (let i = 0; i < o.interfaces; i++) {
      const r = ifaceRng.next() * acc;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      // a full subnet passes the interface to the next one with room
      let k = lo;
      while ((subnets[k] as SubnetPlan).used >= capacity) k = (k + 1) % subnets.length;
      const s = subnets[k] as SubnetPlan;
      s.used += 1;
      subnetOfIface.push(s);
    }
  }
  // secondary private addresses on about 5% of interfaces, where there is room
  const secondaries = subnetOfIface.map((s) => {
    if (!ifaceRng.chance(0.05)) return 0;
    const n = Math.min(ifaceRng.int(1, 2), capacity - s.used);
    s.used += n;
    return n;
  });
  // draw every subnet's addresses at once (distinct offsets past the 4 reserved ones)
  const addressQueue = new Map<SubnetPlan, number[]>();
  for (const s of subnets) {
    addressQueue.set(s, ifaceRng.sample(capacity, s.used).map((off) => s.base + 4 + off));
  }
  const takeAddress = (s: SubnetPlan): string => {
    const a = (addressQueue.get(s) as number[]).pop();
    if (a === undefined) throw new Error(`internal: subnet ${s.id} out of addresses`);
    return intToIp(a);
  };
  const publicIpRng = rng('public-ips');
  const publicPools = PUBLIC_IP_POOLS.map((c) => parseCidr(c));
  const usedPublic = new Set<number>();
  const takePublicIp = (): string => {
    for (;;) {
      const pool = publicIpRng.pick(publicPools);
      const n = pool.base + Math.floor(publicIpRng.next() * blockSize(pool.length));
      const last = n & 255;
      if (last === 0 || last === 255 || usedPublic.has(n)) continue;
      usedPublic.add(n);
      return intToIp(n);
    }
  };
  const dns = (ip: string): string => `ip-${ip.replaceAll('.', '-')}.${o.region}.compute.internal`;
  const publicDns = (ip: string): string => `ec2-${ip.replaceAll('.', '-')}.${o.region}.compute.amazonaws.com`;
  const macs = new Set<string>();
  const mac = (): string => {
    for (;;) {
      const h = ifaceRng.hex(10);
      const m = `06:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
      if (!macs.has(m)) {
        macs.add(m);
        return m;
      }
    }
  };
  return { ifaceRng, capacity, subnetOfIface, secondaries, takeAddress, takePublicIp, dns, publicDns, mac };
}
