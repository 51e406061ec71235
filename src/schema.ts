import 'reflect-metadata';
import { isAbstractType, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { applyAccessRules } from './auth/rules';
import { DateTimeScalar } from './common/scalars';
import { orphanedTypes, resolvers } from './modules';
import { applyAuditScope } from './modules/audit-log/audit.actions';

let cached: GraphQLSchema | undefined;

/**
 * Plain fields (those without a @FieldResolver) resolve as graphql-js's default property read
 * instead of through type-graphql's middleware wrapper, which costs a closure call and a
 * resolver-data object per field per row (a page of 100 assets reads thousands of them).
 * The wrapper only matters for field middlewares and @Authorized, which this service does not
 * use (access rules wrap the built schema, src/auth/rules.ts); if either is ever added, every
 * type keeps the wrapper, so nothing is silently skipped.
 */
function plainFieldsReadDirectly(): void {
  const storage = getMetadataStorage();
  if (storage.middlewares.length || storage.resolverMiddlewares.length || storage.authorizedFields.length || storage.authorizedResolver.length) return;
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) type.simpleResolvers ??= true;
}

/**
 * Interfaces and unions resolve their object type synchronously. type-graphql wraps every
 * `resolveType` in an async function (it may return a class), which costs a promise per
 * abstract value — a page of 100 assets with their custodians made 200 — and which a compiled
 * executor cannot await. Ours all return a type name at once; one that does not is an error.
 */
function typeResolversSync(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const meta of [...storage.interfaceTypes, ...storage.unions]) {
    const own = meta.resolveType as GraphQLTypeResolver<unknown, unknown> | undefined;
    const type = schema.getType(meta.name);
    if (!own || !isAbstractType(type)) continue;
    type.resolveType = (value, context, info, abstractType) => {
      const name = own(value, context, info, abstractType);
      if (typeof name !== 'string') throw new Error(`resolveType of ${meta.name} must return a type name, synchronously`);
      return name;
    };
  }
}

/**
 * Builds the executable schema once per process: type-graphql classes, the
 * access rules, and scalars. Validation runs in the services (they report
 * userErrors), so type-graphql's own argument validation is off.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  if (cached) return cached;
  plainFieldsReadDirectly();
  const schema = await buildSchema({
    resolvers,
    orphanedTypes,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads of the asset graph. Every request needs a bearer token; lists are Relay connections with keyset cursors.';
  if (mutation) mutation.description = 'Changes to the asset graph. Each takes one `input` and returns a payload whose `userErrors` say why nothing changed.';
  typeResolversSync(schema);
  cached = applyAuditScope(applyAccessRules(schema));
  return cached;
}
