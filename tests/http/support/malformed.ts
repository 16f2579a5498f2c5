import fc from 'fast-check';

/**
 * Malformed bodies made from a valid one by one mutation at one field (docs/CHECKS.md V1): a wrong
 * type, a missing key, an extra key (prototype keys among them), a huge string, deep nesting.
 * Each carries the dotted path of the field it broke, which the answer must name.
 */
export type Malformed = { readonly kind: string; readonly body: unknown; readonly path: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly string[];

function paths(value: Json, prefix: Path = []): { path: Path; value: Json }[] {
  const here = prefix.length === 0 ? [] : [{ path: prefix, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, String(i)]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

const objectPaths = (value: Json, prefix: Path = []): Path[] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, [...prefix, String(i)]));
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...prefix, k]))];
  return [];
};

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

function parentOf(root: Json, path: Path): Record<string, Json> | Json[] {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string, Json>)[segment]!;
  return node as Record<string, Json>;
}

function replaced(root: Json, path: Path, value: Json): Json {
  const copy = clone(root);
  (parentOf(copy, path) as Record<string, Json>)[path[path.length - 1]!] = value;
  return copy;
}

function removed(root: Json, path: Path): Json {
  const copy = clone(root);
  delete (parentOf(copy, path) as Record<string, Json>)[path[path.length - 1]!];
  return copy;
}

/** Adds a key as an own enumerable property, so even `__proto__` is serialized as a key. */
function added(root: Json, at: Path, key: string, value: Json): Json {
  const copy = clone(root);
  let node = copy as Record<string, Json>;
  for (const segment of at) node = node[segment] as Record<string, Json>;
  Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const typeOf = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const anyOfType: Record<string, fc.Arbitrary<Json>> = {
  string: fc.string({ maxLength: 12 }),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }) as fc.Arbitrary<Json>,
};

const wrongTypeFor = (value: Json) => fc.oneof(...Object.entries(anyOfType).filter(([type]) => type !== typeOf(value)).map(([, arbitrary]) => arbitrary));

/** Nested arrays or objects, built without recursion. */
function nested(depth: number, asObject: boolean): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const KEYS = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'actor', 'recordedAt', 'eventId', 'toString', 'hasOwnProperty', 'schemaVersion'),
  fc.string({ maxLength: 16 }),
);
const EXTRA_VALUES = fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.constant({ prototype: { polluted: true } } as Json));

export function malformedFrom(valid: Json): fc.Arbitrary<Malformed> {
  const fields = paths(valid);
  const strings = fields.filter((f) => typeof f.value === 'string');
  const keys = fields.filter((f) => !/^\d+$/.test(f.path[f.path.length - 1]!));
  const objects = objectPaths(valid);
  const named = (path: Path) => path.join('.');

  const wrongType = fc.constantFrom(...fields).chain((f) => wrongTypeFor(f.value).map((value) => ({ kind: 'wrong type', body: replaced(valid, f.path, value), path: named(f.path) })));
  const missing = fc.constantFrom(...keys).map((f) => ({ kind: 'missing key', body: removed(valid, f.path), path: named(f.path) }));
  const extra = fc
    .tuple(fc.constantFrom(...objects), KEYS, EXTRA_VALUES)
    .filter(([at, key]) => {
      let node = valid as Record<string, Json>;
      for (const segment of at) node = node[segment] as Record<string, Json>;
      return !Object.hasOwn(node, key);
    })
    .map(([at, key, value]) => ({ kind: 'extra key', body: added(valid, at, key, value), path: named([...at, key]) }));
  const huge = fc
    // Each character takes at most 6 bytes in JSON: every body stays under the 64 KiB limit (413 is V3).
    .tuple(fc.constantFrom(...strings), fc.integer({ min: 1_000, max: 8_000 }), fc.constantFrom('x', 'é', '😀', '\u0000', '"', '\\'))
    .map(([f, length, char]) => ({ kind: 'huge string', body: replaced(valid, f.path, char.repeat(length)), path: named(f.path) }));
  const deep = fc
    .tuple(fc.constantFrom(...fields), fc.integer({ min: 33, max: 2_000 }), fc.boolean())
    .map(([f, depth, asObject]) => ({ kind: 'deep nesting', body: replaced(valid, f.path, nested(depth, asObject)), path: named(f.path) }));

  // Counterexamples print as a summary, not as tens of kilobytes of body.
  return fc.oneof(wrongType, missing, extra, huge, deep).map((m) =>
    Object.assign(m, { [fc.toStringMethod]: () => `${m.kind} at "${m.path}" (${JSON.stringify(m.body).length} bytes)` }),
  );
}

/** The answer names the field: an error at its path or inside it. */
export const namesField = (errorPath: string, field: string) => errorPath === field || errorPath.startsWith(`${field}.`);
