// The bundled TradAI program evaluated under Pulumi's mocks, as a model.
// Loaded only when asked for (@pulumi/aws takes a second or two to load) and
// once per stack and process.
import type { NetworkModel } from '../model/types.js';
import { runProgram } from '../import/pulumi/run-program.js';
import { convertPulumiStack } from '../import/pulumi/convert.js';

const models = new Map<string, Promise<NetworkModel>>();

export function loadStackModel(stack: string): Promise<NetworkModel> {
  let model = models.get(stack);
  if (!model) {
    model = runProgram(stack).then((run) => convertPulumiStack(run, `infra/ (stack ${stack}, Pulumi mocks)`));
    models.set(stack, model);
  }
  return model;
}
