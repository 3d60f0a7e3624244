// Where a command's network model comes from: --snapshot PATH or --stack NAME.
import type { NetworkModel } from '../model/types.js';
import { loadSnapshot } from '../import/load-snapshot.js';
import { UsageError } from './io.js';

export const STACKS = ['dev', 'staging', 'prod'] as const;

export interface ModelSource {
  readonly snapshot?: string;
  readonly stack?: string;
}

/** The first step a command tells: where its model comes from. */
export function readingStep(src: ModelSource): string {
  return src.snapshot ? `reading ${src.snapshot}` : `running the TradAI program (stack ${src.stack ?? 'dev'}) under Pulumi mocks`;
}

/** What a model holds, in one line: the step a command tells after reading it. */
export function modelSummary(model: NetworkModel): string {
  const rules = model.securityGroups.reduce((n, g) => n + g.ingress.length + g.egress.length, 0);
  return `read ${model.interfaces.length} interfaces, ${model.securityGroups.length} security groups with ${rules} rules, ${model.networkAcls.length} network ACLs`;
}

export async function loadModel(src: ModelSource): Promise<NetworkModel> {
  if (src.snapshot) return loadSnapshot(src.snapshot);
  const stack = src.stack ?? 'dev';
  if (!(STACKS as readonly string[]).includes(stack)) throw new UsageError(`--stack "${stack}": expected one of ${STACKS.join(', ')}`);
  const { loadStackModel } = await import('./stack-model.js');
  return loadStackModel(stack);
}
