// describe-* outputs -> one network model. Pure: the caller reads the files.
// Each item is validated by its schema, converted one-to-one, then every
// reference between resources is checked; a dangling one is an error, a thing
// the engine does not model is a warning.
import type { z } from 'zod';
import type {
  InternetGateway,
  ModelWarning,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  PrefixList,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from '../../model/types.js';
import { ImportError, fieldPath } from '../import-error.js';
import { KNOWN_UNMODELLED, MODELLED, type ModelledKey } from './schemas.js';
import { convertSecurityGroup } from './security-groups.js';
import { convertNetworkAcl } from './network-acls.js';
import { convertRouteTable } from './route-tables.js';
import { convertInterface, interfacesOfReservation } from './interfaces.js';
import {
  convertInternetGateway,
  convertNatGateway,
  convertPrefixList,
  convertSubnet,
  convertVpc,
  convertVpcEndpoint,
} from './gateways.js';
import { checkReferences } from './references.js';

export interface SnapshotDocument {
  /** The file's path as the user gave it (used in every message). */
  readonly file: string;
  readonly json: unknown;
}

type Raw<K extends ModelledKey> = z.infer<(typeof MODELLED)[K]['schema']>;

/**
 * Each key's items, converted as read (so each file's parsed JSON can go as soon
 * as the file is read), and the warnings their conversion gave, kept by key so
 * they come out in the order they had when every file was read first.
 */
class Converted {
  readonly Vpcs: Vpc[] = [];
  readonly Subnets: Subnet[] = [];
  readonly SecurityGroups: SecurityGroup[] = [];
  readonly NetworkAcls: NetworkAcl[] = [];
  readonly RouteTables: RouteTable[] = [];
  readonly NetworkInterfaces: NetworkInterface[] = [];
  /** Each reservation's interfaces, in reservation order. */
  readonly Reservations: NetworkInterface[][] = [];
  readonly InternetGateways: InternetGateway[] = [];
  readonly NatGateways: NatGateway[] = [];
  readonly VpcEndpoints: VpcEndpoint[] = [];
  readonly PrefixLists: PrefixList[] = [];
  readonly warnings = Object.fromEntries(Object.keys(MODELLED).map((k) => [k, [] as ModelWarning[]])) as Record<ModelledKey, ModelWarning[]>;

  add<K extends ModelledKey>(k: K, file: string, raw: Raw<K>): void {
    const w = this.warnings[k];
    const v = raw as never;
    switch (k) {
      case 'Vpcs': return void this.Vpcs.push(convertVpc(file, v, w));
      case 'Subnets': return void this.Subnets.push(convertSubnet(file, v));
      case 'SecurityGroups': return void this.SecurityGroups.push(convertSecurityGroup(file, v, w));
      case 'NetworkAcls': return void this.NetworkAcls.push(convertNetworkAcl(file, v, w));
      case 'RouteTables': return void this.RouteTables.push(convertRouteTable(file, v, w));
      case 'NetworkInterfaces': return void this.NetworkInterfaces.push(convertInterface(file, v));
      case 'Reservations': return void this.Reservations.push(interfacesOfReservation(file, v, this.Reservations.length));
      case 'InternetGateways': return void this.InternetGateways.push(convertInternetGateway(file, v));
      case 'NatGateways': return void this.NatGateways.push(convertNatGateway(file, v));
      case 'VpcEndpoints': return void this.VpcEndpoints.push(convertVpcEndpoint(file, v));
      case 'PrefixLists': return void this.PrefixLists.push(convertPrefixList(file, v, w));
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const KIND_NAMES: Record<ModelledKey, string> = {
  Vpcs: 'VPC',
  Subnets: 'subnet',
  SecurityGroups: 'security group',
  NetworkAcls: 'network ACL',
  RouteTables: 'route table',
  NetworkInterfaces: 'network interface',
  Reservations: 'reservation',
  InternetGateways: 'internet gateway',
  NatGateways: 'NAT gateway',
  VpcEndpoints: 'VPC endpoint',
  PrefixLists: 'prefix list',
};

function collect(docs: Iterable<SnapshotDocument>, warnings: ModelWarning[]): Converted {
  const items = new Converted();
  let first: string | undefined;
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  let recognised = 0;
  for (const doc of docs) {
    first ??= doc.file;
    if (!isRecord(doc.json)) throw new ImportError(doc.file, undefined, undefined, 'the file is not a JSON object with a describe-* top-level key');
    for (const [key, value] of Object.entries(doc.json)) {
      if (key in MODELLED) {
        const k = key as ModelledKey;
        if (!Array.isArray(value)) throw new ImportError(doc.file, undefined, key, `expected a list under ${key}`);
        const spec = MODELLED[k];
        value.forEach((raw, i) => {
          const parsed = spec.schema.safeParse(raw);
          const id = isRecord(raw) && typeof raw[spec.id] === 'string' ? (raw[spec.id] as string) : `${key}[${i}]`;
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            const missing = issue.code === 'invalid_type' && isRecord(raw) && raw[String(issue.path[issue.path.length - 1])] === undefined;
            throw new ImportError(doc.file, id, fieldPath(issue.path) || undefined, missing ? 'required field is missing' : issue.message);
          }
          const place = `${key}[${i}] in ${doc.file}`;
          const prev = seen.get(`${key}|${id}`);
          if (prev) throw new ImportError(doc.file, id, spec.id, `duplicate ${KIND_NAMES[k]} id: ${key}[${i}] repeats ${prev}`);
          seen.set(`${key}|${id}`, place);
          // The item as read, not zod's copy of it: the schemas only check (no
          // transforms or defaults), so the two are equal.
          items.add(k, doc.file, raw as never);
        });
        recognised++;
      } else if ((KNOWN_UNMODELLED as readonly string[]).includes(key)) {
        recognised++;
        unmodelledWarnings(doc.file, key, value, warnings);
      } else if (key === 'NextToken') {
        warnings.push({ code: 'PAGINATED_OUTPUT', message: `${doc.file} ends with a NextToken: later pages of this output are missing from the snapshot`, source: { file: doc.file, resource: 'NextToken' } });
      } else {
        ignored.push(`"${key}" in ${doc.file}`);
        warnings.push({ code: 'UNKNOWN_TOP_LEVEL_KEY', message: `${doc.file}: top-level key "${key}" is not a describe-* output the engine reads; ignored`, source: { file: doc.file, resource: key } });
      }
    }
  }
  if (recognised === 0) {
    const found = ignored.length > 0 ? `found only ${ignored.join(', ')}` : 'found no top-level key';
    throw new ImportError(first ?? 'snapshot', undefined, undefined, `no describe-* output the engine reads: ${found} (expected Vpcs, Subnets, SecurityGroups, NetworkAcls, RouteTables, NetworkInterfaces, ...)`);
  }
  return items;
}

function unmodelledWarnings(file: string, key: string, value: unknown, warnings: ModelWarning[]): void {
  if (!Array.isArray(value) || value.length === 0) return;
  const matters: Record<string, string> = {
    VpnGateways: 'VPN gateways are dead ends in this model: routes to them deliver nothing',
    VpnConnections: 'VPN connections are not modelled: nothing is reached through them',
    VpcPeeringConnections: 'peering connections are not modelled: routes over them deliver nothing',
    TransitGateways: 'transit gateways are not modelled: routes to them deliver nothing',
    TransitGatewayAttachments: 'transit gateway attachments are not modelled',
    EgressOnlyInternetGateways: 'egress-only internet gateways carry IPv6 only, which is not analysed',
    LoadBalancers: 'load balancers are not modelled as proxies yet: their interfaces are plain interfaces',
  };
  const message = matters[key];
  if (message) warnings.push({ code: 'UNMODELLED_RESOURCE', message: `${key} (${value.length}): ${message}`, source: { file, resource: key } });
}

/**
 * The model of describe-* documents. `docs` may be a lazy sequence (the files
 * read one at a time): each document is converted and let go before the next.
 */
export function convertDescribeSnapshot(docs: Iterable<SnapshotDocument>): NetworkModel {
  const collected: ModelWarning[] = [];
  const items = collect(docs, collected);
  const w = items.warnings;
  // The order the warnings always had: the files' own, then by kind of resource.
  const warnings = [...collected, ...w.Vpcs, ...w.SecurityGroups, ...w.NetworkAcls, ...w.RouteTables, ...w.PrefixLists];
  const { Vpcs: vpcs, Subnets: subnets, SecurityGroups: securityGroups, NetworkAcls: networkAcls, RouteTables: routeTables } = items;
  const { InternetGateways: internetGateways, NatGateways: natGateways, VpcEndpoints: vpcEndpoints, PrefixLists: prefixLists } = items;

  const interfaces: NetworkInterface[] = items.NetworkInterfaces;
  const known = new Map(interfaces.map((e) => [e.id, e]));
  for (const reservation of items.Reservations) {
    for (const eni of reservation) {
      const listed = known.get(eni.id);
      if (!listed) {
        interfaces.push(eni);
        known.set(eni.id, eni);
      } else if (!listed.instanceId || (!listed.name && eni.name)) {
        const merged = { ...listed, instanceId: listed.instanceId ?? eni.instanceId!, ...(listed.name ? {} : eni.name ? { name: eni.name } : {}) };
        interfaces[interfaces.indexOf(listed)] = merged;
        known.set(eni.id, merged);
      }
    }
  }

  const model: NetworkModel = { vpcs, subnets, securityGroups, networkAcls, routeTables, interfaces, internetGateways, natGateways, vpcEndpoints, prefixLists, warnings };
  checkReferences(model, warnings);
  return model;
}
