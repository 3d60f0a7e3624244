// Golden files: the matrix, exposure and prove outputs of the bundled dev stack
// (the program under Pulumi mocks), as text and JSON. A change in any answer
// shows up as a diff of these files; update them with `npx vitest run -u` after
// checking the diff is intended.
import { beforeAll, describe, expect, it } from 'vitest';
import { reach } from '../cli/capture.js';

/** The dev stack's warnings, as the exposure answer carries them. */
let warnings: string[];

beforeAll(async () => {
  warnings = (JSON.parse((await reach('exposure', '--stack', 'dev', '--json')).stdout) as { warnings: string[] }).warnings;
});

describe('golden outputs of the bundled dev stack', () => {
  it.each([
    ['matrix-sg.txt', ['matrix', '--stack', 'dev', '--by', 'sg']],
    ['matrix-subnet.txt', ['matrix', '--stack', 'dev', '--by', 'subnet']],
    ['matrix-tier.txt', ['matrix', '--stack', 'dev', '--by', 'tier']],
    ['matrix-sg.json', ['matrix', '--stack', 'dev', '--by', 'sg', '--json']],
    ['exposure.txt', ['exposure', '--stack', 'dev']],
    ['exposure.json', ['exposure', '--stack', 'dev', '--json']],
    ['prove.txt', ['prove', '--stack', 'dev']],
  ])('%s', async (file, argv) => {
    const r = await reach(...argv);
    // A matrix's stdout is the listing alone: the warnings that qualify it go to stderr.
    expect(r.stderr).toBe(argv[0] === 'matrix' ? warnings.map((w) => `warning: ${w}\n`).join('') : '');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/${file}`);
  });
});
