import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError, isListType, isNonNullType, type GraphQLOutputType, type GraphQLSchema, type ValidationContext, type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../common/connection';
import type { Config } from '../config';
import type { Context } from '../context';

/** The limits every operation is held to (configurable; see README "Security"). */
export type QueryLimits = Config['limits'];

/** Extension code of every refusal below; `limit` names the limit, `max` its value. */
export const tooComplex = (limit: string, max: number, message: string, extra: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, ...extra, http: { status: 400 } } });

const unwrap = (t: GraphQLOutputType): GraphQLOutputType => (isNonNullType(t) ? t.ofType : t);

/** Rows a list with a `limit` argument returns when none is given (the expiry radar's default). */
const DEFAULT_LIST_LIMIT = 500;

/** Rows a list field can return: `first`/`last` (default page size), `ids`, `limit`; other lists count as 10. */
function fanOut(args: Record<string, unknown>, hasPageArgs: boolean, hasLimitArg: boolean, isList: boolean): number {
  for (const k of ['first', 'last', 'limit']) {
    const v = args[k];
    if (typeof v === 'number' && v > 0) return v;
  }
  if (Array.isArray(args.ids)) return args.ids.length;
  if (hasPageArgs) return DEFAULT_PAGE_SIZE;
  if (hasLimitArg) return DEFAULT_LIST_LIMIT;
  return isList ? 10 : 1;
}

/**
 * Cost of a field: 1 plus its selection, times the rows it can return. A
 * connection's `edges`/`nodes` are not multiplied again (the connection field
 * already was); introspection costs nothing (it is bounded by the schema).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return childComplexity;
  const hasPageArgs = field.args.some((a) => a.name === 'first');
  const n = fanOut(args, hasPageArgs, field.args.some((a) => a.name === 'limit'), isListType(unwrap(field.type)));
  return 1 + n * childComplexity;
};

/** graphql-armor reports through this: every refusal is QUERY_TOO_COMPLEX naming its limit. */
const reject = (limit: string, max: number) => (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(tooComplex(limit, max, error.message));
};

/**
 * Depth, aliases and directives (graphql-armor validation rules), tokens (the
 * parser's own `maxTokens`), cost (graphql-query-complexity, per operation, with
 * variables known) and field suggestions (hidden in production).
 */
export function queryLimits(limits: QueryLimits, production: boolean, schema: GraphQLSchema): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<Context>[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, propagateOnRejection: false, onReject: [reject('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [reject('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [reject('directives', limits.maxDirectives)] },
    blockFieldSuggestion: { enabled: production },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();

  const cost: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          let actual: number;
          try {
            actual = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: operationName ?? undefined,
              estimators: [costEstimator],
            });
          } catch {
            // Variables that do not coerce: execution refuses them next, as BAD_USER_INPUT naming the variable.
            return;
          }
          if (actual > limits.maxCost) {
            throw tooComplex('cost', limits.maxCost, `Query cost ${actual} exceeds the limit of ${limits.maxCost}: ask for fewer rows (first/last) or fewer nested lists`, { cost: actual });
          }
        },
      };
    },
  };
  return {
    validationRules: armor.validationRules as ValidationRule[],
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), cost],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** The parser's refusal past maxTokens is a syntax error; it is reported as the limit it is. */
export const TOKEN_LIMIT_RE = /Document contains more tha[nt] (\d+) tokens/; // graphql 16 says "more that"
