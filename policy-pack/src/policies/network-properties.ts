// The TradAI network properties as one stack policy: the network model is
// built from the stack's resources (outputs and property dependencies, so a
// first preview works without ids) and every property is decided exactly by
// the reach engine. Each VIOLATED property is one diagnostic on the rule
// resource that let its counterexample through, with the packet and the path;
// an UNDECIDED property fails too (fail closed), with its reason; and a stack
// the engine cannot read fails rather than passing unchecked.
import { checkProperties } from '../../../properties/check.js';
import { tradaiProperties } from '../../../properties/tradai.js';
import { convertPulumiStack } from '../../../reachability/import/pulumi/convert.js';
import { typeKind } from '../../../reachability/import/pulumi/resource-types.js';
import { explainResult } from '../explain.js';
import { stackPolicy } from '../policy-kit.js';
import { toPulumiStack } from '../stack-view.js';

export const tradaiNetworkProperties = stackPolicy({
  name: 'tradai-network-properties',
  area: 'network',
  description: 'The TradAI network properties hold over every packet (database only from the private tier, only the ALB on 80/443 from the internet, no ingress to Lambda, ...): proved exactly, or refuted with a packet and its path.',
  enforcementLevel: 'mandatory',
  check(stack, report) {
    // AnalyzeStack sends outputs only. A provider that plans no outputs for a resource in a preview
    // would leave a rule out of the model, which could prove too much: refuse instead.
    const blank = stack.resources.filter((r) => typeKind(r.type) === 'read' && Object.keys(r.props).length === 0);
    for (const r of blank) report(`${r.type} ${r.name} arrived with no properties, so the network model would miss it and no property can be proved; failing closed`, r.urn);
    if (blank.length > 0) return;
    const origin = `stack ${stack.stack} (policy analysis)`;
    let results;
    try {
      const model = convertPulumiStack(toPulumiStack(stack, origin), origin);
      results = checkProperties(model, tradaiProperties(stack.stack), { stack: stack.stack });
    } catch (e) {
      report(`the TradAI network properties could not be checked, so none is proved and the deploy fails closed: ${(e as Error).message}`);
      return;
    }
    for (const r of results) {
      if (r.verdict === 'PROVED') continue;
      const urn = r.culprit?.source.resource;
      report(explainResult(r), urn && stack.byUrn.has(urn) ? urn : undefined);
    }
  },
});
