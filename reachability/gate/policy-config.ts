// `--policy-pack-config FILE`, read exactly as `pulumi up --policy-pack-config`
// reads it (sdk/go/common/resource/analyzer/config.go): a JSON object whose
// keys are policy names (or `all`), each an enforcement level or an object
// with `enforcementLevel` and the policy's properties. The result is
// reconciled with what the pack declares: schema defaults first, then `all`,
// then each policy's own entry, then validated against the policy's schema.
// One deliberate difference: a key that names no policy of the pack is an
// error here (Pulumi ignores it), so a typo cannot silently switch nothing off.

export const ENFORCEMENT_LEVELS = ['advisory', 'mandatory', 'remediate', 'disabled'] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export class PolicyConfigFileError extends Error {
  override readonly name = 'PolicyConfigFileError';
}

export interface ConfigEntry {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

export type JsonSchema = Record<string, unknown>;

export interface PolicyDecl {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: { readonly properties: Record<string, JsonSchema>; readonly required: readonly string[] };
}

export interface ResolvedConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

const isLevel = (v: unknown): v is EnforcementLevel => typeof v === 'string' && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);

export function parsePolicyPackConfig(text: string, file: string): Record<string, ConfigEntry> {
  if (!text.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PolicyConfigFileError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new PolicyConfigFileError(`${file}: expected a JSON object of policy names`);
  const out: Record<string, ConfigEntry> = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'string') {
      if (!isLevel(value)) throw new PolicyConfigFileError(`${file}: ${key}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(', ')})`);
      out[key] = { enforcementLevel: value, properties: {} };
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) throw new PolicyConfigFileError(`${file}: ${key}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(', ')})`);
      out[key] = { ...(enforcementLevel !== undefined ? { enforcementLevel } : {}), properties };
    } else {
      throw new PolicyConfigFileError(`${file}: ${key}: ${JSON.stringify(value)} is not valid; expected an enforcement level or an object`);
    }
  }
  return out;
}

/** The configuration sent with Configure: every policy, defaults filled in, the file applied, validated. */
export function reconcilePolicyConfig(policies: readonly PolicyDecl[], given: Record<string, ConfigEntry>, file: string): Record<string, ResolvedConfig> {
  const names = new Set(policies.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => k !== 'all' && !names.has(k));
  if (unknown.length > 0) throw new PolicyConfigFileError(`${file}: ${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length > 1 ? 'are not policies' : 'is not a policy'} of the pack (policies: ${[...names].join(', ')})`);
  if (given.all && Object.keys(given.all.properties).length > 0) throw new PolicyConfigFileError(`${file}: all: only an enforcement level applies to all policies`);

  const result: Record<string, ResolvedConfig> = {};
  for (const p of policies) {
    const properties: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) if ('default' in s) properties[k] = s.default;
    let level = given.all?.enforcementLevel ?? p.enforcementLevel;
    const own = given[p.name];
    if (own?.enforcementLevel) level = own.enforcementLevel;
    Object.assign(properties, own?.properties ?? {});
    result[p.name] = { enforcementLevel: level, properties };
  }
  const errors = policies.flatMap((p) => {
    if (!p.configSchema) {
      const extra = Object.keys(result[p.name]!.properties);
      return extra.length > 0 ? [`${p.name}: takes no configuration (got ${extra.join(', ')})`] : [];
    }
    return validateObject(p.configSchema, result[p.name]!.properties).map((e) => `${p.name}: ${e}`);
  });
  if (errors.length > 0) throw new PolicyConfigFileError(`${file}: ${errors.join('; ')}`);
  return result;
}

function validateObject(schema: NonNullable<PolicyDecl['configSchema']>, value: Record<string, unknown>): string[] {
  const errors = schema.required.filter((k) => !(k in value)).map((k) => `${k} is required`);
  for (const [k, v] of Object.entries(value)) {
    const s = schema.properties[k];
    if (s) errors.push(...validate(s, v, k));
  }
  return errors;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The JSON-schema keywords the pack's schemas use (type, enum, items, bounds, lengths). */
export function validate(s: JsonSchema, v: unknown, path: string): string[] {
  const t = typeOf(v);
  const types = s.type === undefined ? undefined : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  if (types && !types.some((x) => x === t || (x === 'number' && t === 'integer'))) return [`${path}: expected ${types.join(' or ')}, got ${t}`];
  const out: string[] = [];
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) out.push(`${path}: must be one of ${JSON.stringify(s.enum)}`);
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) out.push(`${path}: must be >= ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) out.push(`${path}: must be <= ${s.maximum}`);
  }
  if (typeof v === 'string' && typeof s.minLength === 'number' && v.length < s.minLength) out.push(`${path}: must not be shorter than ${s.minLength}`);
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${path}: needs at least ${s.minItems} item(s)`);
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) v.forEach((x, i) => out.push(...validate(s.items as JsonSchema, x, `${path}[${i}]`)));
  }
  return out;
}
