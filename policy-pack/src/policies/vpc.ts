// VPC guardrails (document section 10, and AWS's default group): flow logs
// on every VPC, capturing ALL traffic (accepted and rejected), into log
// groups with a retention; the VPC's default security group holds no rules.
import { configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy, stackPolicy } from '../policy-kit.js';
import { T } from '../resource-types.js';
import { External } from '../stack-view.js';
import { Unknown, displayName, list, num, str, undecidable } from '../values.js';

export const flowLogAllTraffic = resourcePolicy({
  name: 'flow-log-all-traffic',
  area: 'vpc',
  description: 'VPC flow logs capture ALL traffic (accepted and rejected).',
  enforcementLevel: 'mandatory',
  types: [T.flowLog],
  check(r, report) {
    const traffic = str(r.props.trafficType);
    if (traffic === Unknown) report(undecidable('trafficType', 'whether rejected traffic is logged'));
    else if (traffic !== 'ALL') report(`trafficType is ${traffic === undefined ? 'not set' : `"${traffic}"`}; it must be "ALL" so both accepted and rejected packets are logged`);
  },
});

export const logGroupRetentionSet = resourcePolicy({
  name: 'log-group-retention-set',
  area: 'vpc',
  description: 'CloudWatch log groups set a retention (logs do not accumulate forever).',
  enforcementLevel: 'mandatory',
  types: [T.logGroup],
  configSchema: configSchemaFor('log-group-retention-set'),
  check(r, report) {
    const { minRetentionDays } = settingsFor('log-group-retention-set', r.config);
    const days = num(r.props.retentionInDays);
    if (days === Unknown) report(undecidable('retentionInDays', 'how long logs are kept'));
    else if (days === undefined || days === 0) report('retentionInDays is not set: the log group keeps its events forever');
    else if (days < minRetentionDays) report(`retentionInDays is ${days}, below the minimum of ${minRetentionDays}`);
  },
});

export const flowLogRetention = stackPolicy({
  name: 'flow-log-retention',
  area: 'vpc',
  description: 'Every flow log delivers to a CloudWatch log group of this stack that sets a retention.',
  enforcementLevel: 'mandatory',
  configSchema: configSchemaFor('flow-log-retention'),
  check(stack, report, config) {
    const { minRetentionDays } = settingsFor('flow-log-retention', config);
    for (const fl of stack.ofType(T.flowLog)) {
      const kind = str(fl.props.logDestinationType);
      if (kind === Unknown) {
        report(`flow log ${fl.name}: ${undecidable('logDestinationType', 'where its records go')}`, fl.urn);
        continue;
      }
      if (kind !== undefined && kind !== 'cloud-watch-logs') continue; // s3 / firehose: lifecycle is set there
      const key = fl.props.logDestination !== undefined ? 'logDestination' : 'logGroupName';
      const group = stack.ref(fl, key, [T.logGroup]);
      if (group === Unknown) {
        report(`flow log ${fl.name}: ${undecidable(key, 'which log group it writes to')}`, fl.urn);
        continue;
      }
      if (group === undefined || group === External) {
        report(`flow log ${fl.name} names no log group of this stack (${key}), so its retention cannot be checked`, fl.urn);
        continue;
      }
      const days = num(group.props.retentionInDays);
      const name = displayName(group.props, group.name);
      if (days === Unknown) report(`flow log ${fl.name}: ${undecidable(`retentionInDays of ${name}`, 'how long flow records are kept')}`, fl.urn);
      else if (days === undefined || days === 0) report(`flow log ${fl.name} writes to ${name}, which sets no retention`, group.urn);
      else if (days < minRetentionDays) report(`flow log ${fl.name} writes to ${name}, which keeps records ${days} days (minimum ${minRetentionDays})`, group.urn);
    }
  },
});

export const vpcHasFlowLog = stackPolicy({
  name: 'vpc-has-flow-log',
  area: 'vpc',
  description: 'Every VPC has a flow log.',
  enforcementLevel: 'mandatory',
  check(stack, report) {
    const logged = new Set<string>();
    let unresolved = false;
    for (const fl of stack.ofType(T.flowLog)) {
      const vpc = stack.ref(fl, 'vpcId', [T.vpc]);
      if (vpc === Unknown) unresolved = true;
      else if (vpc && vpc !== External) logged.add(vpc.urn);
    }
    for (const vpc of stack.ofType(T.vpc)) {
      if (logged.has(vpc.urn)) continue;
      const name = displayName(vpc.props, vpc.name);
      if (unresolved) report(`VPC ${name}: ${undecidable('the vpcId of a flow log', 'whether this VPC is logged')}`, vpc.urn);
      else report(`VPC ${name} has no flow log`, vpc.urn);
    }
  },
});

export const defaultSecurityGroupNoRules = resourcePolicy({
  name: 'default-security-group-no-rules',
  area: 'vpc',
  description: "The VPC's default security group has no rules (whatever lands in it by accident stays isolated).",
  enforcementLevel: 'mandatory',
  types: [T.defaultSecurityGroup],
  check(r, report) {
    for (const dir of ['ingress', 'egress'] as const) {
      const rules = list(r.props[dir]);
      if (rules === Unknown) report(undecidable(dir, 'whether the default group is empty'));
      else if (rules && rules.length > 0) report(`the default security group declares ${rules.length} ${dir} rule${rules.length > 1 ? 's' : ''}; it must have none`);
    }
  },
});

export const VPC_POLICIES = [flowLogAllTraffic, logGroupRetentionSet, flowLogRetention, vpcHasFlowLog, defaultSecurityGroupNoRules];
