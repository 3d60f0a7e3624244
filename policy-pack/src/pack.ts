// The policy pack Pulumi serves: constructing PolicyPack starts the analyzer
// gRPC server and prints its port (server.js), so only the entry point
// (../index.js) imports this module. The version comes from the pack's
// package.json, which @pulumi/policy reads from the working directory.
import { PolicyPack } from '@pulumi/policy';
import { POLICIES } from './policies/index.js';

export const PACK_NAME = 'tradai-network';

new PolicyPack(PACK_NAME, {
  description: 'TradAI network guardrails and exact reachability proofs of the TradAI network properties',
  enforcementLevel: 'mandatory',
  policies: POLICIES.map((p) => ({ ...p })),
});
