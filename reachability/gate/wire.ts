// What goes over the wire to the policy pack, built the way the Pulumi engine
// builds it (pkg/resource/deploy/step_generator.go, sdk/go/common/resource/
// plugin/analyzer_plugin.go): properties as a protobuf Struct (unknowns as
// the string sentinel, assets and archives under Pulumi's signature key,
// internal `__` keys skipped), resource options, the provider, and for the
// stack analysis the parent, dependencies and non-empty property dependencies.
import analyzerPb from '@pulumi/pulumi/proto/analyzer_pb.js';
import { specialArchiveSig, specialAssetSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc.js';
import structPb from 'google-protobuf/google/protobuf/struct_pb.js';
import type { GateResource } from './records.js';

const { AnalyzeRequest, AnalyzerProviderResource, AnalyzerPropertyDependencies, AnalyzerResource, AnalyzerResourceOptions } = analyzerPb;
const { Struct } = structPb;
type StructT = InstanceType<typeof Struct>;

type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

function isMarked(v: object, marker: string): boolean {
  return (v as Record<string, unknown>)[marker] === true;
}

/**
 * A property value as JSON-like data: promises awaited, assets and archives
 * (the Lambda's code) in Pulumi's wire form, undefined dropped, internal keys
 * (`__defaults`, ...) skipped as MarshalProperties(SkipInternalKeys) does.
 */
export async function plainValue(v: unknown): Promise<Plain | undefined> {
  const value = await v;
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return Promise.all(value.map(async (x) => (await plainValue(x)) ?? null));
  if (typeof value !== 'object') return String(value);
  const o = value as Record<string, unknown>;
  if (isMarked(o, '__pulumiAsset')) {
    for (const k of ['path', 'text', 'uri']) {
      const x = await o[k];
      if (typeof x === 'string') return { [specialSigKey]: specialAssetSig, [k]: x };
    }
  }
  if (isMarked(o, '__pulumiArchive')) {
    const assets = await o.assets;
    if (assets && typeof assets === 'object') return { [specialSigKey]: specialArchiveSig, assets: (await plainValue(assets)) ?? {} };
    for (const k of ['path', 'uri']) {
      const x = await o[k];
      if (typeof x === 'string') return { [specialSigKey]: specialArchiveSig, [k]: x };
    }
  }
  const out: Record<string, Plain> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k.startsWith('__')) continue;
    const p = await plainValue(x);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

export function toStruct(props: Record<string, unknown>): StructT {
  return Struct.fromJavaScript(props as Record<string, structPb.JavaScriptValue>);
}

function options(r: GateResource): InstanceType<typeof AnalyzerResourceOptions> {
  const o = new AnalyzerResourceOptions();
  o.setProtect(false);
  o.setIgnorechangesList([]);
  o.setDeletebeforereplace(false);
  o.setDeletebeforereplacedefined(false);
  o.setAdditionalsecretoutputsList([]);
  o.setAliasesList([]);
  const timeouts = new AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(0);
  timeouts.setUpdate(0);
  timeouts.setDelete(0);
  o.setCustomtimeouts(timeouts);
  o.setParent(r.parent ?? '');
  return o;
}

function provider(r: GateResource): InstanceType<typeof AnalyzerProviderResource> | undefined {
  if (!r.provider) return undefined;
  const p = new AnalyzerProviderResource();
  p.setUrn(r.provider.urn);
  p.setType(r.provider.type);
  p.setName(r.provider.name);
  p.setProperties(toStruct(r.provider.inputs));
  return p;
}

/** Analyze (and Remediate): one resource's inputs, before it is created or updated. */
export function analyzeRequest(r: GateResource, inputs: Record<string, unknown> = r.inputs): InstanceType<typeof AnalyzeRequest> {
  const req = new AnalyzeRequest();
  req.setUrn(r.urn);
  req.setType(r.type);
  req.setName(r.name);
  req.setProperties(toStruct(inputs));
  req.setOptions(options(r));
  const p = provider(r);
  if (p) req.setProvider(p);
  return req;
}

/** One resource of AnalyzeStack: its outputs, parent, dependencies and property dependencies. */
export function stackResource(r: GateResource): InstanceType<typeof AnalyzerResource> {
  const res = new AnalyzerResource();
  res.setUrn(r.urn);
  res.setType(r.type);
  res.setName(r.name);
  res.setProperties(toStruct(r.outputs));
  res.setOptions(options(r));
  const p = provider(r);
  if (p) res.setProvider(p);
  res.setParent(r.parent ?? '');
  res.setDependenciesList([...r.dependencies]);
  const deps = res.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(r.propertyDependencies)) {
    if (urns.length === 0) continue; // the engine skips properties without dependencies
    const d = new AnalyzerPropertyDependencies();
    d.setUrnsList([...urns]);
    deps.set(key, d);
  }
  return res;
}
