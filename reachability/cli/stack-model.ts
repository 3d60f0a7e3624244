// The bundled TradAI program evaluated under Pulumi's mocks, as a model.
// Loaded only when asked for: @pulumi/aws takes a second or two to load.
import type { NetworkModel } from '../model/types.js';
import { runProgram } from '../import/pulumi/run-program.js';
import { convertPulumiStack } from '../import/pulumi/convert.js';

export async function loadStackModel(stack: string): Promise<NetworkModel> {
  const run = await runProgram(stack);
  return convertPulumiStack(run, `infra/ (stack ${stack}, Pulumi mocks)`);
}
