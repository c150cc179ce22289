/**
 * The SDK's types against docs/openapi.yaml: every property of each component schema
 * (its name, whether it is required, its enum values) must match the field tables in
 * src/types.ts, which the compiler in turn holds to the TypeScript interfaces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_FIELDS } from '../src/types.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface FieldTable {
  [name: string]: { required: boolean; enum?: readonly string[]; properties?: FieldTable };
}

const document = parse(
  readFileSync(new URL('../../../docs/openapi.yaml', import.meta.url), 'utf8'),
) as { components: { schemas: Record<string, Schema> } };
const schemas = document.components.schemas;

/** Follows `$ref`s and merges `allOf`, so a schema's own properties can be read. */
function resolve(schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target) throw new Error(`dangling $ref ${schema.$ref}`);
    return resolve({ ...target, ...schema, $ref: undefined });
  }
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map(resolve);
  return {
    ...schema,
    allOf: undefined,
    properties: Object.assign({}, schema.properties, ...parts.map((p) => p.properties)),
    required: [...(schema.required ?? []), ...parts.flatMap((p) => p.required ?? [])],
  };
}

/** The enum of a property, wherever it sits (inline, behind a $ref, in a nullable union); null is not a value. */
function enumOf(schema: Schema): string[] | undefined {
  const resolved = resolve(schema);
  const values =
    resolved.enum ??
    [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].map(enumOf).find((e) => e !== undefined);
  return values?.filter((v): v is string => v !== null).sort();
}

/** The object schema of a property, when it is an object (possibly nullable). */
function objectOf(schema: Schema): Schema | undefined {
  const resolved = resolve(schema);
  if (resolved.properties) return resolved;
  return [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].map(objectOf).find(Boolean);
}

function compare(path: string, schema: Schema, table: FieldTable): void {
  const resolved = resolve(schema);
  const properties = resolved.properties ?? {};
  const required = new Set(resolved.required ?? []);

  expect(Object.keys(properties).sort(), `${path}: property names`).toEqual(
    Object.keys(table).sort(),
  );
  for (const [name, field] of Object.entries(table)) {
    const property = properties[name];
    if (!property) continue; // already reported by the name check
    expect(required.has(name), `${path}.${name}: required`).toBe(field.required);
    expect(enumOf(property), `${path}.${name}: enum`).toEqual(
      field.enum ? [...field.enum].sort() : undefined,
    );
    if (field.properties) {
      const nested = objectOf(property);
      expect(nested, `${path}.${name}: an object schema`).toBeDefined();
      compare(`${path}.${name}`, nested!, field.properties);
    }
  }
}

describe('src/types.ts matches docs/openapi.yaml', () => {
  it('has every schema the SDK describes', () => {
    const missing = Object.keys(SCHEMA_FIELDS).filter((name) => !schemas[name]);
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(SCHEMA_FIELDS))('%s', (name, table) => {
    const schema = schemas[name];
    expect(schema, `components.schemas.${name}`).toBeDefined();
    compare(name, schema!, table as FieldTable);
  });

  it('the checker itself notices a difference', () => {
    const drifted: Schema = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, status: { type: 'string', enum: ['active'] } },
    };
    const table: FieldTable = {
      id: { required: true },
      status: { required: true, enum: ['active'] },
    };
    expect(() => compare('Drifted', drifted, table)).toThrow(/status: required/);
    expect(() => compare('Drifted', drifted, { id: { required: true } })).toThrow(/property names/);
    expect(() =>
      compare('Drifted', drifted, {
        ...table,
        status: { required: false, enum: ['active', 'archived'] },
      }),
    ).toThrow(/status: enum/);
  });
});
