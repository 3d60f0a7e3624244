// Network ACL guardrails (document section 7): entries AWS would hold as
// written, one entry per rule number and direction in each ACL (AWS rejects
// the second; two Pulumi resources would fight over it), and no allow-all
// entry ahead of denies (those denies could never match). Administrative
// ports open to the world at the subnet edge are reported, as advice: the
// document's own public ACL keeps SSH open for Packer builds (rule 90).
import { configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy, stackPolicy } from '../policy-kit.js';
import { T } from '../resource-types.js';
import { External, type StackResource, type StackView } from '../stack-view.js';
import { Unknown, displayName, undecidable } from '../values.js';
import { type AclEntryView, aclEntries, entryLabel, entryProblems, family, isAllowAll } from './acl-entries.js';

const ACL_TYPES: readonly string[] = [T.networkAclRule, T.networkAcl, T.defaultNetworkAcl];

export const naclEntryWellFormed = resourcePolicy({
  name: 'nacl-entry-well-formed',
  area: 'network-acls',
  description: 'Network ACL entries are well formed: rule number 1-32766, allow or deny, a valid protocol with its ports or ICMP type, exactly one valid CIDR.',
  enforcementLevel: 'mandatory',
  types: ACL_TYPES,
  check(r, report) {
    for (const e of aclEntries(r.type, r.props)) for (const problem of entryProblems(e)) report(`${entryLabel(e)}: ${problem}`);
  },
});

interface Placed {
  readonly entry: AclEntryView;
  /** The resource the entry is written in (the rule resource, or the ACL for inline entries). */
  readonly owner: StackResource;
}

/** Entries grouped per ACL and direction; entries whose ACL or direction cannot be known are reported. */
function entriesByAcl(stack: StackView, report: (m: string, urn?: string) => void): Map<string, { acl: StackResource; egress: boolean; placed: Placed[] }> {
  const groups = new Map<string, { acl: StackResource; egress: boolean; placed: Placed[] }>();
  const add = (acl: StackResource, owner: StackResource, entry: AclEntryView) => {
    if (entry.egress === Unknown || entry.egress === undefined) {
      report(`${owner.name} ${entryLabel(entry)}: ${undecidable('egress', 'which direction it numbers')}`, owner.urn);
      return;
    }
    const key = `${acl.urn}|${entry.egress}`;
    const g = groups.get(key) ?? { acl, egress: entry.egress, placed: [] };
    g.placed.push({ entry, owner });
    groups.set(key, g);
  };
  for (const acl of stack.ofType(T.networkAcl, T.defaultNetworkAcl)) for (const e of aclEntries(acl.type, acl.props)) add(acl, acl, e);
  for (const rule of stack.ofType(T.networkAclRule)) {
    const acl = stack.ref(rule, 'networkAclId', [T.networkAcl, T.defaultNetworkAcl]);
    if (acl === External) {
      report(`${rule.name} adds an entry to an ACL this stack does not declare (${String(rule.props.networkAclId)}), whose other entries cannot be checked; failing closed`, rule.urn);
      continue;
    }
    if (acl === undefined || acl === Unknown) {
      report(`${rule.name}: ${undecidable('networkAclId', 'which ACL the entry belongs to')}`, rule.urn);
      continue;
    }
    for (const e of aclEntries(rule.type, rule.props)) add(acl, rule, e);
  }
  return groups;
}

const where = (p: Placed) => (p.owner.type === T.networkAclRule ? p.owner.name : `${p.owner.name} ${p.entry.where}`);

export const naclRuleNumbersUnique = stackPolicy({
  name: 'nacl-rule-numbers-unique',
  area: 'network-acls',
  description: 'Rule numbers are unique per network ACL and direction.',
  enforcementLevel: 'mandatory',
  check(stack, report) {
    for (const g of entriesByAcl(stack, report).values()) {
      const seen = new Map<number, Placed>();
      const aclName = displayName(g.acl.props, g.acl.name);
      for (const p of g.placed) {
        const n = p.entry.ruleNumber;
        if (n === Unknown) {
          report(`${where(p)} in ${aclName}: ${undecidable('ruleNumber', 'whether it repeats another entry')}`, p.owner.urn);
          continue;
        }
        if (n === undefined) continue; // nacl-entry-well-formed reports it
        const first = seen.get(n);
        if (first) report(`${aclName} has two ${g.egress ? 'outbound' : 'inbound'} entries numbered ${n}: ${where(first)} and ${where(p)}`, p.owner.urn);
        else seen.set(n, p);
      }
    }
  },
});

export const naclNoAllowAllBeforeDeny = stackPolicy({
  name: 'nacl-no-allow-all-before-deny',
  area: 'network-acls',
  description: 'No allow-all entry (every protocol from or to a /0) ahead of deny entries: those denies would never match.',
  enforcementLevel: 'mandatory',
  check(stack, report) {
    for (const g of entriesByAcl(stack, report).values()) {
      const aclName = displayName(g.acl.props, g.acl.name);
      const unclear = g.placed.filter((p) => [p.entry.ruleNumber, p.entry.action, p.entry.protocol, p.entry.cidr, p.entry.ipv6Cidr].includes(Unknown));
      for (const p of unclear) report(`${where(p)} in ${aclName}: ${undecidable('its number, action, protocol or range', 'the order of allows and denies')}`, p.owner.urn);
      const known = g.placed.filter((p) => !unclear.includes(p) && typeof p.entry.ruleNumber === 'number');
      for (const allow of known.filter((p) => isAllowAll(p.entry))) {
        const fam = family(allow.entry);
        const shadowed = known.filter((p) => p.entry.action === 'deny' && family(p.entry) === fam && (p.entry.ruleNumber as number) > (allow.entry.ruleNumber as number));
        if (shadowed.length === 0) continue;
        const numbers = shadowed.map((p) => p.entry.ruleNumber as number).sort((a, b) => a - b);
        report(`${aclName} ${g.egress ? 'outbound' : 'inbound'} rule ${String(allow.entry.ruleNumber)} (${where(allow)}) allows all traffic ${g.egress ? 'to' : 'from'} ${String(allow.entry.cidr ?? allow.entry.ipv6Cidr)} ahead of deny rule${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}, which can therefore never match`, allow.owner.urn);
      }
    }
  },
});

export const naclNoAdminPortsFromWorld = resourcePolicy({
  name: 'nacl-no-admin-ports-from-world',
  area: 'network-acls',
  description: 'Advice: no inbound ACL allow of SSH or RDP from 0.0.0.0/0 or ::/0 (the security groups remain the boundary).',
  enforcementLevel: 'advisory',
  types: ACL_TYPES,
  configSchema: configSchemaFor('nacl-no-admin-ports-from-world'),
  check(r, report) {
    const { adminPorts } = settingsFor('nacl-no-admin-ports-from-world', r.config);
    for (const e of aclEntries(r.type, r.props)) {
      if (e.egress !== false || e.action === 'deny') continue;
      const src = e.cidr ?? e.ipv6Cidr;
      if ([e.action, e.protocol, e.cidr, e.ipv6Cidr, e.fromPort, e.toPort].includes(Unknown)) {
        report(`${entryLabel(e)}: ${undecidable('its action, protocol, ports or source', 'whether it opens SSH or RDP to the internet')}`);
        continue;
      }
      if (typeof src !== 'string' || !src.endsWith('/0') || e.action !== 'allow') continue;
      // A range starting at 1024 or above is an ephemeral range for replies, which a stateless ACL
      // must admit; that it spans 3389 says nothing about intent. Ranges below 1024 and `all` do.
      const ephemeral = typeof e.fromPort === 'number' && e.fromPort >= 1024;
      const open = adminPorts.filter(
        (port) => e.protocol === 'all' || ((e.protocol === 'tcp' || e.protocol === 'udp') && !ephemeral && typeof e.fromPort === 'number' && typeof e.toPort === 'number' && e.fromPort <= port && port <= e.toPort),
      );
      if (open.length > 0) report(`${entryLabel(e)} allows port ${open.join(', ')} from ${src}; the security groups are then the only boundary for administrative access`);
    }
  },
});

export const NETWORK_ACL_POLICIES = [naclEntryWellFormed, naclRuleNumbersUnique, naclNoAllowAllBeforeDeny, naclNoAdminPortsFromWorld];
