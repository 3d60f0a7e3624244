// tsc compiles only TypeScript; the program's other files (the NAT user-data
// template, the route-updater Lambda handler) must sit beside the compiled code.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function copyAssets(from, to) {
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) copyAssets(src, dst);
    else if (!entry.endsWith('.ts')) cpSync(src, dst);
  }
}

copyAssets('infra', 'dist/infra');
