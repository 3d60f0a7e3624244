// Malformed Pulumi files: one clear line and exit code 2, or a warning.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reach } from '../cli/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'reach-pulumi-'));
const exported = JSON.parse(readFileSync('test/fixtures/pulumi/dev-stack-export.json', 'utf8'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function ask(path: string) {
  return reach('query', '--snapshot', path, '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '443', '--json');
}

describe('malformed Pulumi files', () => {
  it.each([
    ['wrong version', () => file('v2.json', { ...exported, version: 2 }), /v2\.json: version: deployment version 2 is not supported \(expected 3/],
    ['missing deployment', () => file('nodep.json', { version: 3, checkpoint: {} }), /nodep\.json: deployment: not a pulumi stack export/],
    ['truncated JSON', () => file('cut.json', JSON.stringify(exported).slice(0, 5000)), /cut\.json: invalid JSON at line 1 column \d+/],
    ['a resource without a type', () => file('notype.json', { ...exported, deployment: { ...exported.deployment, resources: [{ urn: 'urn:pulumi:dev::tradai::aws:ec2/vpc:Vpc::x' }] } }), /notype\.json: urn:pulumi:dev::tradai::aws:ec2\/vpc:Vpc::x: type: /],
    ['a bad CIDR in a rule', () => {
      const copy = structuredClone(exported);
      const rule = copy.deployment.resources.find((r: { urn: string }) => r.urn.endsWith('::tradai-alb-sg-in-https-anywhere'));
      rule.inputs.cidrIpv4 = '0.0.0.0/33';
      return file('badcidr.json', copy);
    }, /badcidr\.json: urn:pulumi:dev::tradai::pulumi:pulumi:Stack\$aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule::tradai-alb-sg-in-https-anywhere: cidrIpv4: "0\.0\.0\.0\/33" is not a valid IPv4 CIDR/],
    ['a preview step without newState fields', () => file('badpreview.json', { steps: [{ op: 'create', urn: 'urn:x', newState: { urn: 'urn:x' } }] }), /badpreview\.json: urn:x: type: /],
  ])('%s: exit 2, one line naming file, resource and field', async (_, make, message) => {
    const r = await ask(make());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a resource of an unknown type is a warning, and the answer still comes', async () => {
    const copy = structuredClone(exported);
    copy.deployment.resources.push({ urn: 'urn:pulumi:dev::tradai::pulumi:pulumi:Stack$aws:networkfirewall/firewall:Firewall::fw', custom: true, id: 'fw-1', type: 'aws:networkfirewall/firewall:Firewall', inputs: {}, outputs: {} });
    const r = await ask(file('unknown-type.json', copy));
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.reachable).toBe(true);
    expect(a.warnings.join('\n')).toMatch(/fw: resource type aws:networkfirewall\/firewall:Firewall is not modelled/);
  });
});
