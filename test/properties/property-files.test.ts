// reach prove with property files (JSON and YAML): verdicts, exit codes, bad files.
import { describe, expect, it } from 'vitest';
import { reach } from '../cli/capture.js';

const SNAP = ['--snapshot', 'examples/tradai-snapshot'];
const F = 'test/fixtures/properties';

describe('reach prove --properties', () => {
  it('reads YAML: the first property is VIOLATED (port 80 is open too), exit 1, with the counterexample path', async () => {
    const r = await reach('prove', ...SNAP, '--properties', `${F}/web-only.yaml`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/: 1 PROVED, 1 VIOLATED, 0 UNDECIDED/);
    expect(r.stdout).toMatch(/VIOLATED  internet-only-https-to-alb: HTTPS is the only public entry point/);
    expect(r.stdout).toMatch(/counterexample: tcp 1\.0\.0\.0:1024 -> 3\.72\.118\.35:80/);
    expect(r.stdout).toMatch(/let through by: rule #0 "HTTP from internet" {2}\[examples\/tradai-snapshot\/SecurityGroups\.json sg-0d58dacabfb3e6ba3 IpPermissions\[0\]\.IpRanges\[0\]\]/);
    expect(r.stdout).toMatch(/PROVED {4}db-isolated/);
  });

  it('reads JSON, answers --json, exit 0 when everything is PROVED', async () => {
    const r = await reach('prove', ...SNAP, '--properties', `${F}/services.json`, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ proved: 1, violated: 0, undecided: 0 });
    expect(out.results[0]).toMatchObject({ id: 'alb-to-backend', verdict: 'PROVED', counterexample: null });
    expect(Array.isArray(out.findings)).toBe(true);
  });

  it.each([
    ['bad-assert.yaml', /bad-assert\.yaml: typo: \[0\]\.assert: /],
    ['bad-port.json', /bad-port\.json: .*ports "70000" is not a port/],
    ['missing.yaml', /missing\.yaml: cannot read the file \(ENOENT\)/],
  ])('%s: exit 2 with one line', async (file, message) => {
    const r = await reach('prove', ...SNAP, '--properties', `${F}/${file}`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
