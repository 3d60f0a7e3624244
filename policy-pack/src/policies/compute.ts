// Compute guardrails (document sections 2 and 5): instances require IMDSv2,
// the database is never publicly accessible, and only public-tier subnets
// hand out public addresses.
import { configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy } from '../policy-kit.js';
import { T } from '../resource-types.js';
import { Unknown, bool, obj, str, undecidable } from '../values.js';

export const launchTemplateImdsv2 = resourcePolicy({
  name: 'launch-template-imdsv2',
  area: 'compute',
  description: 'Launch templates and instances require IMDSv2 (metadataOptions.httpTokens = "required").',
  enforcementLevel: 'mandatory',
  types: [T.launchTemplate, T.instance],
  check(r, report) {
    const options = obj(r.props.metadataOptions);
    if (options === Unknown) return report(undecidable('metadataOptions', 'whether IMDSv2 is required'));
    const endpoint = options ? str(options.httpEndpoint) : undefined;
    if (endpoint === 'disabled') return; // no metadata service at all: nothing to steal
    const tokens = options ? str(options.httpTokens) : undefined;
    if (tokens === Unknown) return report(undecidable('metadataOptions.httpTokens', 'whether IMDSv2 is required'));
    if (tokens !== 'required') {
      report(`metadataOptions.httpTokens is ${tokens === undefined ? 'not set (IMDSv1 stays available)' : `"${tokens}"`}; set it to "required" so instances only answer IMDSv2 session requests`);
    }
  },
});

export const rdsNotPubliclyAccessible = resourcePolicy({
  name: 'rds-not-publicly-accessible',
  area: 'compute',
  description: 'RDS instances are not publicly accessible.',
  enforcementLevel: 'mandatory',
  types: [T.rdsInstance, T.rdsClusterInstance],
  check(r, report) {
    const pub = bool(r.props.publiclyAccessible);
    if (pub === Unknown) report(undecidable('publiclyAccessible', 'whether the database gets a public address'));
    else if (pub === true) report('publiclyAccessible is true: the database would get a public address; it must only be reachable from the private tier');
  },
});

export const subnetPublicIpOnlyPublicTier = resourcePolicy({
  name: 'subnet-public-ip-only-public-tier',
  area: 'compute',
  description: 'Only public-tier subnets map public IP addresses on launch.',
  enforcementLevel: 'mandatory',
  types: [T.subnet],
  configSchema: configSchemaFor('subnet-public-ip-only-public-tier'),
  check(r, report) {
    const { tierTagKey, publicTiers } = settingsFor('subnet-public-ip-only-public-tier', r.config);
    const maps = bool(r.props.mapPublicIpOnLaunch);
    if (maps === Unknown) return report(undecidable('mapPublicIpOnLaunch', 'whether instances launched here get public addresses'));
    if (maps !== true) return;
    const tags = obj(r.props.tags);
    const tier = tags === Unknown ? Unknown : tags ? str(tags[tierTagKey]) : undefined;
    if (tier === Unknown) return report(undecidable(`tags.${tierTagKey}`, 'whether this is a public-tier subnet'));
    if (tier === undefined || !publicTiers.includes(tier)) {
      report(`mapPublicIpOnLaunch is true but the subnet's ${tierTagKey} tag is ${tier === undefined ? 'missing' : `"${tier}"`}; only ${publicTiers.join(', ')} subnets may give instances public addresses`);
    }
  },
});

export const COMPUTE_POLICIES = [launchTemplateImdsv2, rdsNotPubliclyAccessible, subnetPublicIpOnlyPublicTier];
