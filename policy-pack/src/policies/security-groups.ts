// Security group guardrails (document section 4): nothing but the ALB is open
// to the internet, and only on 80 and 443; no administrative port from
// outside the VPC; no all-protocol rule to or from the world; every rule
// says why it exists.
import { configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy, stackPolicy } from '../policy-kit.js';
import { SG_RULE_TYPES, T } from '../resource-types.js';
import { External } from '../stack-view.js';
import { Unknown, displayName, undecidable } from '../values.js';
import { type PeerView, type SgRuleView, cidrInside, coversPort, isWorld, ruleLabel, sgRules, trafficText } from './sg-rules.js';

function peerText(p: PeerView): string {
  if (p.kind === 'cidr4' || p.kind === 'cidr6') return typeof p.cidr === 'string' ? p.cidr : 'an unknown range';
  return p.kind === 'unknown' ? 'an unknown source' : p.kind;
}

/** The rule's tcp range lies inside the allowed ports; Unknown when its ports are unknown. */
function onlyAllowedTcp(rule: SgRuleView, ports: readonly number[]): boolean | Unknown {
  if (rule.protocol === Unknown) return Unknown;
  if (rule.protocol !== 'tcp') return false;
  if (rule.fromPort === Unknown || rule.toPort === Unknown) return Unknown;
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort < 0 || rule.toPort < rule.fromPort) return false;
  if (rule.toPort - rule.fromPort + 1 > ports.length) return false;
  for (let p = rule.fromPort; p <= rule.toPort; p++) if (!ports.includes(p)) return false;
  return true;
}

export const sgNoWorldIngress = resourcePolicy({
  name: 'sg-no-world-ingress',
  area: 'security-groups',
  description: 'No security group ingress from 0.0.0.0/0 or ::/0, except tcp 80 and 443 (which only the ALB group may open).',
  enforcementLevel: 'mandatory',
  types: SG_RULE_TYPES,
  configSchema: configSchemaFor('sg-no-world-ingress'),
  check(r, report) {
    const { worldPorts } = settingsFor('sg-no-world-ingress', r.config);
    for (const rule of sgRules(r.type, r.props).filter((x) => x.direction === 'ingress')) {
      for (const peer of rule.peers) {
        const world = isWorld(peer);
        if (world === false) continue;
        if (world === Unknown) {
          report(`${ruleLabel(rule)}: ${undecidable('its source range', 'whether it admits the internet')}`);
          continue;
        }
        const ok = onlyAllowedTcp(rule, worldPorts);
        if (ok === Unknown) report(`${ruleLabel(rule)} admits ${peerText(peer)}: ${undecidable('its protocol or ports', 'which traffic it admits from the internet')}`);
        else if (!ok) report(`${ruleLabel(rule)} admits ${trafficText(rule)} from ${peerText(peer)}; from the internet only tcp ${worldPorts.join(' and ')} may be open, and only on the ALB group`);
      }
    }
  },
});

export const sgWorldIngressOnlyAlbGroup = stackPolicy({
  name: 'sg-world-ingress-only-alb-group',
  area: 'security-groups',
  description: 'Only the ALB security group takes ingress from 0.0.0.0/0 or ::/0.',
  enforcementLevel: 'mandatory',
  configSchema: configSchemaFor('sg-world-ingress-only-alb-group'),
  check(stack, report, config) {
    const { albGroupNames } = settingsFor('sg-world-ingress-only-alb-group', config);
    for (const r of stack.ofType(T.ingressRule, T.legacyRule, T.securityGroup)) {
      const open = sgRules(r.type, r.props).filter((rule) => rule.direction === 'ingress' && rule.peers.some((p) => isWorld(p) === true));
      if (open.length === 0) continue;
      const group = r.type === T.securityGroup ? r : stack.ref(r, 'securityGroupId', [T.securityGroup]);
      if (group === External) {
        report(`${r.name} admits the internet into a security group this stack does not declare (${String(r.props.securityGroupId)}), which cannot be shown to be the ALB group; failing closed`, r.urn);
        continue;
      }
      if (group === undefined || group === Unknown) {
        report(`${r.name} admits the internet, and ${undecidable('the security group it belongs to', 'whether that group is the ALB group')}`, r.urn);
        continue;
      }
      const name = displayName(group.props, group.name);
      if (albGroupNames.includes(name) || albGroupNames.includes(group.name)) continue;
      for (const rule of open) report(`${ruleLabel(rule)} of ${r.name} admits ${trafficText(rule)} from the internet into ${name}; only ${albGroupNames.join(', ')} may take traffic from the internet`, r.urn);
    }
  },
});

export const sgNoAdminPortsFromOutsideVpc = resourcePolicy({
  name: 'sg-no-admin-ports-from-outside-vpc',
  area: 'security-groups',
  description: 'No SSH (22) or RDP (3389) ingress from outside the VPC.',
  enforcementLevel: 'mandatory',
  types: SG_RULE_TYPES,
  configSchema: configSchemaFor('sg-no-admin-ports-from-outside-vpc'),
  check(r, report) {
    const { adminPorts, vpcCidrs } = settingsFor('sg-no-admin-ports-from-outside-vpc', r.config);
    for (const rule of sgRules(r.type, r.props).filter((x) => x.direction === 'ingress')) {
      const hits = adminPorts.flatMap((port) => (['tcp', 'udp'] as const).map((proto) => ({ port, proto, covered: coversPort(rule, proto, port) })));
      if (hits.every((h) => h.covered === false)) continue;
      const covered = hits.filter((h) => h.covered === true).map((h) => `${h.proto} ${h.port}`);
      const what = covered.length > 0 ? [...new Set(covered)].join(', ') : 'possibly an administrative port';
      for (const peer of rule.peers) {
        // Group references name interfaces inside the VPC; prefix lists are AWS's and not in the stack.
        if (peer.kind === 'group' || peer.kind === 'self') continue;
        if (peer.kind === 'unknown') {
          report(`${ruleLabel(rule)} admits ${what}: ${undecidable('its source', 'whether the source is inside the VPC')}`);
          continue;
        }
        let outside: string | undefined;
        if (peer.kind === 'prefix-list') outside = `a prefix list, whose ranges are not in the stack (it may reach outside the VPC, so this fails closed)`;
        else if (peer.cidr === Unknown) {
          report(`${ruleLabel(rule)} admits ${what}: ${undecidable('its source range', 'whether the source is inside the VPC')}`);
          continue;
        } else if (peer.kind === 'cidr6' || peer.cidr === undefined) outside = `${peerText(peer)}, outside the VPC (${vpcCidrs.join(', ')})`;
        else {
          const inside = cidrInside(peer.cidr, vpcCidrs);
          if (inside === Unknown) outside = `"${peer.cidr}", which is not a valid IPv4 CIDR`;
          else if (!inside) outside = `${peer.cidr}, outside the VPC (${vpcCidrs.join(', ')})`;
        }
        if (outside === undefined) continue;
        if (covered.length === 0) report(`${ruleLabel(rule)} admits ${outside}: ${undecidable('its protocol or ports', 'whether it opens SSH or RDP')}`);
        else report(`${ruleLabel(rule)} admits ${what} from ${outside}`);
      }
    }
  },
});

export const sgNoWorldAllProtocols = resourcePolicy({
  name: 'sg-no-world-all-protocols',
  area: 'security-groups',
  description: 'No all-protocol (-1) security group rule to or from 0.0.0.0/0 or ::/0.',
  enforcementLevel: 'mandatory',
  types: SG_RULE_TYPES,
  check(r, report) {
    for (const rule of sgRules(r.type, r.props)) {
      if (rule.protocol !== 'all' && rule.protocol !== Unknown) continue;
      const dir = rule.direction === 'ingress' ? 'from' : 'to';
      for (const peer of rule.peers) {
        const world = isWorld(peer);
        if (world === false) continue;
        if (world === Unknown || rule.protocol === Unknown) report(`${ruleLabel(rule)}: ${undecidable(world === Unknown ? 'its peer range' : 'its protocol', `whether it opens every protocol ${dir} the internet`)}`);
        else report(`${ruleLabel(rule)} allows every protocol and port ${dir} ${peerText(peer)}`);
      }
    }
  },
});

export const sgRuleHasDescription = resourcePolicy({
  name: 'sg-rule-has-description',
  area: 'security-groups',
  description: 'Every security group rule has a description saying why it exists.',
  enforcementLevel: 'mandatory',
  types: SG_RULE_TYPES,
  check(r, report) {
    for (const rule of sgRules(r.type, r.props)) {
      if (rule.description === Unknown) report(`${ruleLabel(rule)}: ${undecidable('its description', 'whether it is empty')}`);
      else if (!rule.description || !rule.description.trim()) report(`${ruleLabel(rule)} (${trafficText(rule)}) has no description`);
    }
  },
});

export const SECURITY_GROUP_POLICIES = [sgNoWorldIngress, sgWorldIngressOnlyAlbGroup, sgNoAdminPortsFromOutsideVpc, sgNoWorldAllProtocols, sgRuleHasDescription];
