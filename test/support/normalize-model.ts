// A model with every id replaced by the resource's name and every source
// reference dropped: models of one network read from different inputs (mock
// run, stack export, preview) compare equal in this form.
import type { NetworkModel } from '../../reachability/model/types.js';

export function normalizeModel(m: NetworkModel): unknown {
  const names = new Map<string, string>();
  for (const list of [m.vpcs, m.subnets, m.securityGroups, m.networkAcls, m.routeTables, m.internetGateways, m.vpcEndpoints, m.natGateways]) {
    for (const item of list as readonly { id: string; name?: string }[]) names.set(item.id, item.name ?? item.id);
  }
  const rename = (s: string): string => {
    let out = names.get(s) ?? s;
    for (const [id, name] of names) if (out.startsWith(`${id}-`)) out = `${name}${out.slice(id.length)}`;
    return out;
  };
  const json = JSON.stringify({ ...m, warnings: m.warnings.map((w) => w.code).sort() }, (key, value) => {
    if (key === 'source') return undefined;
    if (typeof value === 'string') return rename(value);
    return value;
  });
  return JSON.parse(json);
}
