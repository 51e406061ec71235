import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { applyAccessRules } from './auth/rules';
import { DateTimeScalar } from './common/scalars';
import { orphanedTypes, resolvers } from './modules';
import { applyAuditScope } from './modules/audit-log/audit.actions';

let cached: GraphQLSchema | undefined;

/**
 * Builds the executable schema once per process: type-graphql classes, the
 * access rules, and scalars. Validation runs in the services (they report
 * userErrors), so type-graphql's own argument validation is off.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  if (cached) return cached;
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
  cached = applyAuditScope(applyAccessRules(schema));
  return cached;
}
