// Reading resource properties the way the policies need them: raw, with the
// values Pulumi does not know yet (a first `pulumi preview`) kept as such.
//
// @pulumi/policy hands policies `props` wrapped in a Proxy (proxy.js,
// unknownCheckingProxy) that throws UnknownValueError when a policy reads a
// value still unknown; server.js turns that error into an *advisory*
// "can't run policy during preview" diagnostic. A mandatory check would then
// silently pass every first preview. So the policies never read through the
// proxy: the proxy answers its own escape hatch `__getSpecialProxyTarget`
// with the plain deserialized object, in which an unknown is just the
// sentinel string the engine sent (Struct values carry the string sentinel
// for any unknown; proxy.js lists one per type). Each policy then decides
// what an unknown means for it, and fails closed when it cannot decide.

/** The sentinel the engine sends for an unknown value (any type) in a protobuf Struct. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

// proxy.js: unknownBooleanValue, unknownNumberValue, unknownStringValue,
// unknownArrayValue, unknownAssetValue, unknownArchiveValue, unknownObjectValue.
const SENTINELS: ReadonlySet<string> = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7',
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421',
  UNKNOWN,
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2',
  '030794c1-ac77-496b-92df-f27374a8bd58',
  'e48ece36-62e2-4504-bad9-02848725956a',
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff',
]);

// proxy.js: the keys the proxy answers itself instead of reading the target.
const IS_PROXY = '__isSpecialProxy';
const PROXY_TARGET = '__getSpecialProxyTarget';

export function isUnknown(v: unknown): boolean {
  return typeof v === 'string' && SENTINELS.has(v);
}

export type Props = Record<string, unknown>;

/** The plain object behind @pulumi/policy's unknown-checking proxy (or the object itself). */
export function rawProps(props: object): Props {
  const p = props as Record<string, unknown>;
  if (p[IS_PROXY] === true) {
    const target = p[PROXY_TARGET];
    if (target && typeof target === 'object') return target as Props;
  }
  return p;
}

/** A value that is not known before deploy. */
export const Unknown: unique symbol = Symbol('unknown');
export type Unknown = typeof Unknown;

/** Known value, Unknown, or undefined (absent, or of another type than asked). */
export type Maybe<T> = T | Unknown | undefined;

export function str(v: unknown): Maybe<string> {
  if (isUnknown(v)) return Unknown;
  return typeof v === 'string' ? v : undefined;
}

/** Numbers may arrive as numbers or numeric strings (ports, rule numbers). */
export function num(v: unknown): Maybe<number> {
  if (isUnknown(v)) return Unknown;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(v: unknown): Maybe<boolean> {
  if (isUnknown(v)) return Unknown;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

/** A list: absent is undefined, an unknown list is Unknown; unknown elements stay sentinels. */
export function list(v: unknown): unknown[] | Unknown | undefined {
  if (isUnknown(v)) return Unknown;
  return Array.isArray(v) ? v : undefined;
}

export function obj(v: unknown): Props | Unknown | undefined {
  if (isUnknown(v)) return Unknown;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Props) : undefined;
}

/** Does the value, anywhere inside, hold an unknown? */
export function containsUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> the stack name. */
export function stackOfUrn(urn: string): string {
  return urn.startsWith('urn:pulumi:') ? urn.slice('urn:pulumi:'.length).split('::')[0] ?? '' : '';
}

/** The name a person knows a resource by: its Name tag, else its `name`, else the logical name. */
export function displayName(props: Props, logicalName: string): string {
  const tags = obj(props.tags);
  const tag = tags && tags !== Unknown ? str(tags.Name) : undefined;
  if (typeof tag === 'string') return tag;
  const name = str(props.name);
  return typeof name === 'string' ? name : logicalName;
}

/** The sentence every fail-closed diagnostic uses. */
export function undecidable(field: string, what: string): string {
  return `${field} is not known until deploy (a first preview), so ${what} cannot be decided; failing closed. Run again once the value is known, or set it from known values.`;
}
