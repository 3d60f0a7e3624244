// Entry point Pulumi loads for this pack (`main` in package.json).
//
// The policies are TypeScript in ./src, compiled by the repository's root build
// (`npm ci` runs `npm run build`) into ../dist/policy-pack/src, next to the
// reach engine they call (../dist/reachability, ../dist/properties). The pack
// therefore needs the parent repository built; it imports the compiled pack
// by relative path instead of shipping a second copy of the engine.
//
// This file is CommonJS on purpose: Pulumi's run-policy-pack loads the pack
// with require(), and a dynamic import() works from CommonJS on every Node 20
// (require() of an ES module does not before 20.19). run-policy-pack awaits
// the exported promise, so a failure to load is reported, not swallowed.
// (src/package.json marks the TypeScript sources as ES modules for tsc.)
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const compiled = join(__dirname, '..', 'dist', 'policy-pack', 'src', 'pack.js');
module.exports = import(pathToFileURL(compiled).href).catch((e) => {
  const hint = e && e.code === 'ERR_MODULE_NOT_FOUND' ? ` (run \`npm ci\` or \`npm run build\` in ${join(__dirname, '..')} first)` : '';
  throw new Error(`cannot load the compiled TradAI policy pack ${compiled}${hint}: ${e && e.message}`);
});
