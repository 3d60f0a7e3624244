// Shared by the report and diff tests: edited copies of the bundled TradAI
// snapshot, the schema validators (the report's own, the official SARIF
// 2.1.0 schema) and Debian's headless Chromium.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { type BrowserContext, chromium } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SNAPSHOT = join(ROOT, 'examples', 'tradai-snapshot');

// The ajv packages are CommonJS with a default export; under NodeNext the default is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: unknown) => void;
const Ajv04 = ((Ajv04Module as unknown as { default?: unknown }).default ?? Ajv04Module) as unknown as typeof Ajv;

interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string; Description?: string }[];
  Ipv6Ranges: unknown[];
  PrefixListIds: unknown[];
  UserIdGroupPairs: { GroupId: string; Description?: string }[];
}

interface Group {
  GroupName: string;
  IpPermissions: IpPermission[];
  IpPermissionsEgress: IpPermission[];
}

/** A copy of the TradAI snapshot with its security groups edited. */
export function editedSnapshot(edit: (groups: Group[]) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'reach-snapshot-'));
  cpSync(SNAPSHOT, dir, { recursive: true });
  const file = join(dir, 'SecurityGroups.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { SecurityGroups: Group[] };
  edit(doc.SecurityGroups);
  writeFileSync(file, `${JSON.stringify(doc, null, 4)}\n`);
  return dir;
}

export function group(groups: Group[], name: string): Group {
  const g = groups.find((x) => x.GroupName === name);
  if (!g) throw new Error(`no group ${name} in the snapshot`);
  return g;
}

export function tcpFrom(port: number, cidr: string, description: string): IpPermission {
  return { IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr, Description: description }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
}

/** The ALB group opened on one more port. */
export const albOpenedOn = (port: number, cidr: string) => editedSnapshot((gs) => group(gs, 'tradai-alb-sg').IpPermissions.push(tcpFrom(port, cidr, `tcp ${port} for testing`)));

/** The ECS group without its egress permission on one port. */
export const ecsEgressWithout = (port: number) =>
  editedSnapshot((gs) => {
    const ecs = group(gs, 'tradai-ecs-sg');
    ecs.IpPermissionsEgress = ecs.IpPermissionsEgress.filter((p) => p.FromPort !== port);
  });

let reportAjv: Ajv | null = null;

/** The report's own schemas (docs/report-schema*.json). */
export function reportValidator(id: 'report-schema.json' | 'report-schema-diff.json'): ValidateFunction {
  if (!reportAjv) {
    reportAjv = new Ajv({ allErrors: true, strict: true });
    addFormats(reportAjv);
    for (const f of ['report-schema.json', 'report-schema-diff.json']) reportAjv.addSchema(JSON.parse(readFileSync(join(ROOT, 'docs', f), 'utf8')));
  }
  return reportAjv.getSchema(id)!;
}

let sarif: ValidateFunction | null = null;

/**
 * The official SARIF 2.1.0 schema (rtm.5, draft-04), as Microsoft's
 * @microsoft/jest-sarif package ships it (test/report/schema/). Its regular
 * expressions are ECMA-262 without the unicode flag (one has a lone `]`).
 */
export function sarifValidator(): ValidateFunction {
  if (!sarif) {
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    sarif = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, 'schema', 'sarif-2.1.0-rtm.5.json'), 'utf8')));
  }
  return sarif;
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile (Playwright passes it as --user-data-dir). */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'reach-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
}

/** Screenshots for a person to look at (git-ignored). */
export function screenshotPath(name: string): string {
  const dir = join(import.meta.dirname, 'screens');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
