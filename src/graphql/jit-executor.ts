import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Runs queries as compiled JavaScript (graphql-jit): each document is compiled once into a
 * function that walks the result without graphql-js's per-field bookkeeping, about a sixth
 * less CPU on a page of 100 assets with their custodians, chains and contracts (README
 * "Performance"). Mutations, subscriptions and introspection stay on graphql-js: mutations
 * carry the audit scope and run one by one, introspection is rare.
 *
 * Apollo Server takes a custom executor only through its gateway interface, hence the shape.
 * Parsing, validation, the query limits and every plugin run as before; only execution differs.
 * GRAPHQL_JIT=false turns it off (graphql-js for everything); test/jit.e2e.test.ts runs the same
 * queries both ways and compares the answers.
 */
export function jitGateway(schema: GraphQLSchema, opts: { maxDocuments?: number; minRuns?: number; onCompile?: () => void } = {}): GatewayInterface {
  let listener: ((s: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  // Apollo hands over the same DocumentNode for the same query text (its parsed-document cache),
  // so compiled functions are kept per document and operation name. A document is compiled when
  // it runs the minRuns-th time (2 by default: a one-off costs no compilation, about 6 ms and
  // 100 KB for a large page query); past maxDocuments the oldest entry is dropped, so memory stays
  // bounded whatever clients send.
  const compiled = new Map<DocumentNode, { runs: number; byName: Map<string, CompiledQuery | null> }>();
  const max = opts.maxDocuments ?? 500;
  const minRuns = opts.minRuns ?? 2;

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let entry = compiled.get(document);
    if (!entry) {
      if (compiled.size >= max) compiled.delete(compiled.keys().next().value as DocumentNode);
      compiled.set(document, (entry = { runs: 0, byName: new Map() }));
    }
    if (++entry.runs < minRuns) return null;
    const key = operationName ?? '';
    let c = entry.byName.get(key);
    if (c === undefined) {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      opts.onCompile?.();
      // A document that does not compile (it passed validation, so this is graphql-jit's limit) runs on graphql-js.
      c = isCompiledQuery(result) ? result : null;
      entry.byName.set(key, c);
    }
    return c;
  };

  const executor: GatewayExecutor = async (rc) => {
    const { document, operation } = rc;
    const operationName = rc.operationName ?? undefined;
    const introspection = operation.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value.startsWith('__') && s.name.value !== '__typename');
    // Variables that do not coerce are answered by graphql-js, so that the errors (and Apollo's
    // BAD_USER_INPUT for them) are exactly those of a graphql-js server.
    const coerces = () => !('errors' in getVariableValues(schema, operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 1 }));
    const jit = operation.operation === 'query' && !introspection && coerces() ? compiledFor(document, operationName) : null;
    const result = (jit
      ? await jit.query(undefined, rc.context, rc.request.variables ?? {})
      : await execute({ schema, document, contextValue: rc.context, variableValues: rc.request.variables, operationName })) as ExecutionResult;
    if (!jit || !result.errors?.length) return result as never;
    // graphql-jit's errors are its own frozen kind; Apollo and the error formatting expect graphql-js
    // errors (with the thrown error as originalError, whose extensions they inherit).
    return { ...result, errors: result.errors.map(toGraphQLError) } as never;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => {
        listener = undefined;
      };
    },
    async load() {
      listener?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { schema, executor };
    },
    async stop() {},
  };
}

function toGraphQLError(e: GraphQLError): GraphQLError {
  const original = e.originalError ?? undefined;
  const err = new GraphQLError(e.message, {
    path: e.path,
    originalError: original,
    extensions: original instanceof GraphQLError ? original.extensions : e.extensions,
  });
  if (e.locations) (err as { locations?: unknown }).locations = e.locations;
  return err;
}
