// A deliberately small template renderer for the NAT user data: `{{ name }}`
// placeholders only. Values end up in a root shell script, so they are
// restricted to the characters AWS ids, regions and CIDRs use.

import { readFileSync } from "node:fs";

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const SAFE_VALUE = /^[A-Za-z0-9._:/-]+$/;

export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const rendered = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template variable "${name}" has no value`);
    if (!SAFE_VALUE.test(value)) throw new Error(`template variable "${name}" has unsafe value ${JSON.stringify(value)}`);
    return value;
  });
  if (rendered.includes("{{") || rendered.includes("}}")) {
    throw new Error("template has a malformed placeholder");
  }
  return rendered;
}

export const NAT_USER_DATA_TEMPLATE = new URL("./nat-userdata.sh.tpl", import.meta.url);

export interface NatUserDataValues {
  readonly region: string;
  readonly eipAllocationId: string;
  readonly vpcCidr: string;
}

export function renderNatUserData(values: NatUserDataValues): string {
  return renderTemplate(readFileSync(NAT_USER_DATA_TEMPLATE, "utf8"), {
    region: values.region,
    eip_allocation_id: values.eipAllocationId,
    vpc_cidr: values.vpcCidr,
  });
}
