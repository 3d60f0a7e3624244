// The bundled TradAI program as a model: not yet wired (the Pulumi importer
// lands with the TradAI stack issue). Until then, say so plainly.
import type { NetworkModel } from '../model/types.js';
import { UsageError } from './io.js';

export async function loadStackModel(stack: string): Promise<NetworkModel> {
  throw new UsageError(`--stack ${stack}: the Pulumi stack importer is not available yet; use --snapshot PATH`);
}
