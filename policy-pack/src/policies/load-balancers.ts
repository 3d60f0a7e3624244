// Load balancer guardrails (document section 8): HTTPS listeners use a TLS
// policy from the allowed list; when a certificate exists (an HTTPS listener),
// plain HTTP only redirects to HTTPS; deletion protection in production.
import { configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy, stackPolicy } from '../policy-kit.js';
import { LB } from '../resource-types.js';
import type { StackResource, StackView } from '../stack-view.js';
import { type Maybe, Unknown, bool, list, obj, str, undecidable } from '../values.js';

export const albHttpsTlsPolicy = resourcePolicy({
  name: 'alb-https-tls-policy',
  area: 'load-balancers',
  description: 'HTTPS and TLS listeners use a TLS security policy from the allowed list.',
  enforcementLevel: 'mandatory',
  types: LB.listener,
  configSchema: configSchemaFor('alb-https-tls-policy'),
  check(r, report) {
    const { allowedTlsPolicies } = settingsFor('alb-https-tls-policy', r.config);
    const protocol = str(r.props.protocol);
    if (protocol === Unknown) return report(undecidable('protocol', 'whether the listener terminates TLS'));
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return;
    const policy = str(r.props.sslPolicy);
    if (policy === Unknown) return report(undecidable('sslPolicy', 'which TLS versions the listener accepts'));
    if (policy === undefined) report(`the ${protocol} listener sets no sslPolicy, so AWS applies its default (ELBSecurityPolicy-2016-08, TLS 1.0 and up); use one of ${allowedTlsPolicies.join(', ')}`);
    else if (!allowedTlsPolicies.includes(policy)) report(`sslPolicy "${policy}" is not allowed; use one of ${allowedTlsPolicies.join(', ')}`);
  },
});

export const albDeletionProtectionInProd = resourcePolicy({
  name: 'alb-deletion-protection-in-prod',
  area: 'load-balancers',
  description: 'Load balancers in production stacks have deletion protection enabled.',
  enforcementLevel: 'mandatory',
  types: LB.loadBalancer,
  configSchema: configSchemaFor('alb-deletion-protection-in-prod'),
  check(r, report) {
    const { prodStacks } = settingsFor('alb-deletion-protection-in-prod', r.config);
    if (!prodStacks.includes(r.stack)) return;
    const on = bool(r.props.enableDeletionProtection);
    if (on === Unknown) report(undecidable('enableDeletionProtection', 'whether the production load balancer can be deleted by accident'));
    else if (on !== true) report(`stack ${r.stack} is production and enableDeletionProtection is ${on === undefined ? 'not set' : 'false'}`);
  },
});

/** Does every action of the list redirect to HTTPS? Unknown when an action is unknown. */
function redirectsToHttps(actions: unknown): Maybe<boolean> {
  const items = list(actions);
  if (items === Unknown) return Unknown;
  if (!items || items.length === 0) return false;
  let answer: Maybe<boolean> = true;
  for (const item of items) {
    const a = obj(item);
    if (a === Unknown) return Unknown;
    const type = a ? str(a.type) : undefined;
    if (type === Unknown) answer = Unknown;
    else if (type !== 'redirect') return false;
    else {
      const redirect = obj(a!.redirect);
      const protocol = redirect && redirect !== Unknown ? str(redirect.protocol) : redirect;
      if (protocol === Unknown) answer = Unknown;
      else if (protocol !== 'HTTPS') return false;
    }
  }
  return answer;
}

function listenersOf(stack: StackView, lb: StackResource): { listeners: StackResource[]; unresolved: StackResource[] } {
  const listeners: StackResource[] = [];
  const unresolved: StackResource[] = [];
  for (const l of stack.ofType(...LB.listener)) {
    const owner = stack.ref(l, 'loadBalancerArn', LB.loadBalancer);
    if (owner === lb) listeners.push(l);
    else if (owner === Unknown || owner === undefined) unresolved.push(l);
    // External: a listener on a load balancer of another stack is not this stack's to judge.
  }
  return { listeners, unresolved };
}

export const albHttpRedirectsToHttps = stackPolicy({
  name: 'alb-http-redirects-to-https',
  area: 'load-balancers',
  description: 'When a load balancer has an HTTPS listener, its HTTP listeners only redirect to HTTPS.',
  enforcementLevel: 'mandatory',
  check(stack, report) {
    const unresolvedSeen = new Set<string>();
    for (const lb of stack.ofType(...LB.loadBalancer)) {
      const { listeners, unresolved } = listenersOf(stack, lb);
      for (const l of unresolved) {
        if (unresolvedSeen.has(l.urn)) continue;
        unresolvedSeen.add(l.urn);
        report(`listener ${l.name}: ${undecidable('loadBalancerArn', 'which load balancer it serves')}`, l.urn);
      }
      const protocols = listeners.map((l) => ({ l, protocol: str(l.props.protocol) }));
      for (const { l, protocol } of protocols) if (protocol === Unknown) report(`listener ${l.name}: ${undecidable('protocol', 'whether it serves plain HTTP')}`, l.urn);
      if (!protocols.some((p) => p.protocol === 'HTTPS')) continue;
      for (const { l } of protocols.filter((p) => p.protocol === 'HTTP')) {
        const ok = redirectsToHttps(l.props.defaultActions);
        if (ok === Unknown) report(`HTTP listener ${l.name}: ${undecidable('defaultActions', 'whether it redirects to HTTPS')}`, l.urn);
        else if (!ok) report(`HTTP listener ${l.name} on ${lb.name} serves traffic instead of redirecting to HTTPS, although the load balancer has an HTTPS listener (a certificate)`, l.urn);
        for (const rule of stack.ofType(...LB.listenerRule)) {
          const on = stack.ref(rule, 'listenerArn', LB.listener);
          if (on !== l && on !== Unknown && on !== undefined) continue;
          const redirects = redirectsToHttps(rule.props.actions);
          if (on !== l || redirects === Unknown) report(`listener rule ${rule.name}: ${undecidable(on !== l ? 'listenerArn' : 'actions', 'whether it serves plain HTTP')}`, rule.urn);
          else if (!redirects) report(`listener rule ${rule.name} serves requests on the HTTP listener ${l.name} instead of redirecting them to HTTPS`, rule.urn);
        }
      }
    }
  },
});

export const LOAD_BALANCER_POLICIES = [albHttpsTlsPolicy, albDeletionProtectionInProd, albHttpRedirectsToHttps];
