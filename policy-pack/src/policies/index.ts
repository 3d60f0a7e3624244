// Every policy of the pack, grouped by AWS area. Importing this module has no
// side effect (pack.ts serves them), so tests call the policies directly.
import type { PackPolicy } from '../policy-kit.js';
import { COMPUTE_POLICIES } from './compute.js';
import { ENDPOINT_POLICIES } from './endpoints.js';
import { LOAD_BALANCER_POLICIES } from './load-balancers.js';
import { NETWORK_ACL_POLICIES } from './network-acls.js';
import { tradaiNetworkProperties } from './network-properties.js';
import { SECURITY_GROUP_POLICIES } from './security-groups.js';
import { VPC_POLICIES } from './vpc.js';

export const POLICIES: readonly PackPolicy[] = [
  ...SECURITY_GROUP_POLICIES,
  ...NETWORK_ACL_POLICIES,
  ...COMPUTE_POLICIES,
  ...LOAD_BALANCER_POLICIES,
  ...VPC_POLICIES,
  ...ENDPOINT_POLICIES,
  tradaiNetworkProperties,
];
