// Property files (JSON or YAML) for users who do not write TypeScript:
// validated against the same shape as the typed objects.
import { z } from 'zod';
import type { Property } from './language.js';

const Traffic = z.strictObject({
  protocols: z.array(z.string()).optional(),
  ports: z.array(z.union([z.string(), z.number().int()]).transform(String)).optional(),
  srcPorts: z.array(z.union([z.string(), z.number().int()]).transform(String)).optional(),
});

const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-./]*$/, 'ids are lower-case words joined by dashes'),
  reason: z.string().min(1),
  stacks: z.array(z.string()).optional(),
};

const flow = {
  from: z.array(z.string()).min(1),
  to: z.array(z.string()).min(1),
  traffic: Traffic.optional(),
  via: z.array(z.string()).optional(),
  notVia: z.array(z.string()).optional(),
};

export const PropertySchema = z.discriminatedUnion('assert', [
  z.strictObject({ ...base, ...flow, assert: z.literal('none'), bothWays: z.boolean().optional() }),
  z.strictObject({
    ...base,
    ...flow,
    assert: z.literal('only'),
    allowed: z.strictObject({ from: z.array(z.string()).optional(), to: z.array(z.string()).optional(), traffic: Traffic.optional(), via: z.array(z.string()).optional() }),
  }),
  z.strictObject({ ...base, ...flow, assert: z.literal('must') }),
  z.strictObject({ ...base, assert: z.enum(['exists', 'absent']), endpoint: z.string() }),
]);

export const PropertyFileSchema = z.union([z.array(PropertySchema), z.strictObject({ properties: z.array(PropertySchema) })]);

export function propertiesOf(parsed: z.infer<typeof PropertyFileSchema>): Property[] {
  return (Array.isArray(parsed) ? parsed : parsed.properties) as Property[];
}
