import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from 'graphql';
import { applyAccessRules } from '../src/auth/rules';
import { createDataSource } from '../src/database/data-source';
import { createSchema } from '../src/schema';
import { printSchemaText } from '../src/schema-text';
import { createTestDatabase, dropTestDatabase, urlFor } from './support/test-db';

/** Every place in the schema that a reader would want explained and has no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        if ('args' in field) {
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const v of type.getValues()) if (!v.description?.trim()) missing.push(`${type.name}.${v.name}`);
    }
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  return missing;
}

describe('schema', () => {
  test('schema/schema.graphql is what the code builds (run `npm run schema:emit` after a change)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printSchemaText());
  });

  test('every type, field, argument and enum value has a description', async () => {
    expect(undescribed(await createSchema())).toEqual([]);
  });

  test('the contract\'s names are in the schema', async () => {
    const text = await printSchemaText();
    for (const name of ['interface Node', 'interface Asset implements Node', 'type Hardware implements Asset & Node', 'type SoftwareLicense implements',
      'type NetworkDevice implements', 'type CloudResource implements', 'type VirtualMachine implements', 'type DataAsset implements',
      'type Certificate implements', 'type Person implements Node', 'type Department implements Node', 'type Location implements Node',
      'type Vendor implements Node', 'scalar DateTime', 'scalar Date', 'scalar Decimal', 'scalar JSONObject', 'type Money', 'type UserError']) {
      expect(text).toContain(name);
    }
  });

  test('every root field has an access rule (an unlisted one refuses to build)', async () => {
    const schema = await createSchema();
    expect(() => applyAccessRules(schema, { 'Query.node': 'read' })).toThrow(/root fields without an access rule: .*Query\.assets/);
    expect(() => applyAccessRules(schema, { 'Query.nope': 'read' })).toThrow(/unknown fields: Query\.nope/);
  });
});

describe('migrations', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(database);
  });

  test('the migrated database matches the entities (nothing left for migration:generate)', async () => {
    const ds = createDataSource({ url: urlFor(database), poolMax: 1 });
    await ds.initialize();
    try {
      const sqlInMemory = await ds.driver.createSchemaBuilder().log();
      expect(sqlInMemory.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  test('migrations roll back cleanly and apply again', async () => {
    const ds = createDataSource({ url: urlFor(database), poolMax: 1 });
    await ds.initialize();
    try {
      const count = (await ds.query(`SELECT count(*)::int AS n FROM typeorm_migrations`))[0].n as number;
      for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`);
      expect(tables).toEqual([]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBe(count);
    } finally {
      await ds.destroy();
    }
  });
});
