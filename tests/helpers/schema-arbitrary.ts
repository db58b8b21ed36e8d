import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check inputs for a contract call, derived from its zod schema (through zod's JSON
 * Schema): mostly inputs that pass the schema and reach the handler, so the fuzz tests the
 * services and not only the parser; plus the same inputs with a field dropped, a stray field
 * or a wrong type, and arbitrary JSON values.
 */
type Json = Record<string, unknown>;

const SMALL_IDS = fc.integer({ min: 1, max: 6 });

function numberArb(s: Json, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  let min = typeof s.minimum === 'number' ? s.minimum : exMin !== undefined ? exMin + (integer ? 1 : Number.EPSILON) : -1e9;
  let max = typeof s.maximum === 'number' ? s.maximum : exMax !== undefined ? exMax - (integer ? 1 : Number.EPSILON) : 1e9;
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const full = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  // Ids and amounts near the rows that exist (1–6) reach real records far more often.
  return min <= 1 && max >= 6 ? fc.oneof(SMALL_IDS, full, fc.constantFrom(Math.ceil(min), Math.floor(max))) : full;
}

function stringArb(s: Json): fc.Arbitrary<string> {
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (typeof s.maxLength === 'number' ? s.maxLength : 1e6));
    } catch {
      /* a pattern fast-check cannot generate from: plain strings below */
    }
  }
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = Math.max(minLength, Math.min(typeof s.maxLength === 'number' ? s.maxLength : 30, 30));
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }), // 汉字, emoji, combining marks
    fc.constantFrom('13800138000', '1380', '可乐', 'kl', '2026-01-01', '2026-01-01T10:00:00', ' ', "'; DROP TABLE sales; --").filter((v) => v.length >= minLength && v.length <= (typeof s.maxLength === 'number' ? s.maxLength : 1e6)),
  );
}

export function arbitraryFor(schema: Json, defs: Record<string, Json> = {}, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const next = (s: Json) => arbitraryFor(s, defs, depth + 1);
  if (typeof schema.$ref === 'string') {
    const key = schema.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    return defs[key] ? next(defs[key]!) : fc.anything();
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return fc.oneof(...(schema[key] as Json[]).map(next));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return next(schema.allOf[0] as Json);
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((t) => next({ ...schema, type: t })));
  switch (schema.type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return numberArb(schema, true);
    case 'number': return numberArb(schema, false);
    case 'string': return stringArb(schema);
    case 'array': {
      const items = schema.items && typeof schema.items === 'object' ? next(schema.items as Json) : fc.anything();
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3));
      return fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = next(v);
      if (Object.keys(shape).length === 0) return schema.additionalProperties === false ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Valid-looking input for a call, with a share of broken variants and plain garbage. */
export function inputArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  let json: Json;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  } catch {
    return fc.anything();
  }
  const defs = ((json.$defs ?? json.definitions ?? {}) as Record<string, Json>);
  const valid = arbitraryFor(json, defs);
  const broken = fc.tuple(valid, fc.nat(), fc.jsonValue({ maxDepth: 1 })).map(([v, n, junk]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return junk;
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (keys.length > 0 && n % 3 === 0) delete copy[keys[n % keys.length]!];
    else if (keys.length > 0 && n % 3 === 1) copy[keys[n % keys.length]!] = junk; // a wrong type
    else copy[`extra${n % 5}`] = junk;
    return copy;
  });
  return fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: broken, weight: 2 }, { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 });
}
