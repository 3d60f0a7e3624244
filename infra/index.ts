// Pulumi entry point (Pulumi.yaml: main: infra/). Pulumi calls the default
// export and publishes what it returns as the stack outputs; importing this
// module creates nothing, so tests decide when the program runs.

import { createTradaiStack, type TradaiOutputs } from "./stack.js";

export default function main(): TradaiOutputs {
  return createTradaiStack();
}
