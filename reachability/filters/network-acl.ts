// Network ACLs: stateless, entries evaluated in ascending rule number whatever
// the input order, the first match decides, an unmatched packet meets the
// final deny. Inbound entries match the source address, outbound entries the
// destination; both match the destination port.
import { type Box, boxContains } from '../packets/box.js';
import type { Packet } from '../packets/header.js';
import { parseIpv4Cidr } from '../packets/addresses.js';
import { PacketSet } from '../packets/packet-set.js';
import type { AclEntry, NetworkAcl } from '../model/types.js';
import { ANY_ADDRESS, boxOf, protocolPortRanges } from './protocol-ports.js';

/** The meaning of one entry: the packets it matches (allow or deny). IPv6 entries match no IPv4 packet. */
const entryMemo = new WeakMap<AclEntry, Box | null>();

export function entryBox(entry: AclEntry): Box | null {
  let box = entryMemo.get(entry);
  if (box === undefined) entryMemo.set(entry, (box = computeEntryBox(entry)));
  return box;
}

function computeEntryBox(entry: AclEntry): Box | null {
  if (!entry.cidr) return null;
  const range = parseIpv4Cidr(entry.cidr);
  const h = protocolPortRanges(
    entry.protocol,
    entry.icmp ? entry.icmp.type : entry.portRange?.from,
    entry.icmp ? entry.icmp.code : entry.portRange?.to,
  );
  return entry.egress ? boxOf(ANY_ADDRESS, range, h) : boxOf(range, ANY_ADDRESS, h);
}

/** The entries of one direction, in evaluation order. */
export function orderedEntries(acl: NetworkAcl, egress: boolean): AclEntry[] {
  return acl.entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
}

export interface AclDecision {
  readonly action: 'allow' | 'deny';
  /** The entry that decided; null for the implicit final deny. */
  readonly entry: AclEntry | null;
}

/** Concrete reading. */
export function aclDecide(acl: NetworkAcl, egress: boolean, packet: Packet): AclDecision {
  for (const entry of orderedEntries(acl, egress)) {
    const box = entryBox(entry);
    if (box && boxContains(box, packet)) return { action: entry.action, entry };
  }
  return { action: 'deny', entry: null };
}

export interface EntryEffect {
  readonly entry: AclEntry;
  /** The packets this entry decides: its match minus everything earlier entries matched. */
  readonly decides: PacketSet;
}

/** Symbolic reading: the allowed region, and what each entry decides. Cached per ACL and direction. */
export class AclRegions {
  private readonly cache = new Map<string, { allowed: PacketSet; effects: EntryEffect[] }>();

  /** Forgets every region (they are rebuilt when asked for again). */
  clear(): void {
    this.cache.clear();
  }

  private compute(acl: NetworkAcl, egress: boolean): { allowed: PacketSet; effects: EntryEffect[] } {
    const key = `${acl.id}|${egress}`;
    let hit = this.cache.get(key);
    if (!hit) {
      let remaining = PacketSet.ALL;
      let allowed = PacketSet.EMPTY;
      const effects: EntryEffect[] = [];
      for (const entry of orderedEntries(acl, egress)) {
        const box = entryBox(entry);
        const decides = box ? remaining.intersect(PacketSet.ofBox(box)) : PacketSet.EMPTY;
        effects.push({ entry, decides });
        if (entry.action === 'allow') allowed = allowed.union(decides);
        if (box) remaining = remaining.subtract(PacketSet.ofBox(box));
      }
      hit = { allowed, effects };
      this.cache.set(key, hit);
    }
    return hit;
  }

  allowed(acl: NetworkAcl, egress: boolean): PacketSet {
    return this.compute(acl, egress).allowed;
  }

  effects(acl: NetworkAcl, egress: boolean): readonly EntryEffect[] {
    return this.compute(acl, egress).effects;
  }
}
