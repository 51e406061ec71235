import crypto from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Request, type Response } from 'express';
import { getOperationAST, GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { QueryConfig } from 'pg';
import pinoHttp from 'pino-http';
import { AuthError, verifyBearer, type JwtKeys } from './auth/jwt';
import type { Config } from './config';
import type { Context } from './context';
import type { Db, QueryStats } from './database/db';
import { idempotency } from './idempotency/idempotency.middleware';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { createLoaders } from './loaders';
import type { Logger } from './logger';
import { createMetrics, metricsEndpoint, requestMetrics, type Metrics } from './metrics';
import { PersistedQueryCache } from './persisted-queries';
import { playgroundRouter } from './playground';
import { createSchema } from './schema';
import { jitGateway } from './graphql/jit-executor';
import { queryLimits, TOKEN_LIMIT_RE } from './security/query-limits';
import { createRateLimiter, type RateLimiter } from './security/rate-limit';
import type { Principal } from './auth/roles';
import { Kind, type OperationDefinitionNode } from 'graphql';

export interface HttpApp {
  server: http.Server;
  apollo: ApolloServer<Context>;
  /** null when RATE_LIMIT_POINTS is 0. */
  limiter: RateLimiter | null;
  metrics: Metrics;
}

interface RequestLocals {
  requestId: string;
  stats: QueryStats;
  /** The verified caller, or null with the reason in authError. */
  principal: Principal | null;
  authError: AuthError | null;
  /** Operation name for the metrics ('anonymous' when unnamed); unset when no operation was resolved. */
  operation?: string;
}

/** A caller without a token, admitted only to introspection when INTROSPECTION_WITHOUT_TOKEN is on (development). */
const ANONYMOUS: Principal = Object.freeze({ subject: 'anonymous', roles: [], personId: null, anonymous: true });

const locals = (res: Response): RequestLocals => res.locals as RequestLocals;

/** Expected error codes keep their message; anything else is a bug and is masked outside development. */
const EXPOSED_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

export async function createHttpApp(opts: { config: Config; db: Db; keys: JwtKeys; log: Logger }): Promise<HttpApp> {
  const { config, db, keys, log } = opts;
  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are POSTed (never revalidated), and hashing each body costs per request.
  app.disable('etag');
  const server = http.createServer(app);
  const schema = await createSchema();
  const limits = queryLimits(config.limits, config.env === 'production', schema);
  const limiter = await createRateLimiter(config.rateLimit, log);
  const metrics = createMetrics(db.pool);
  const apqCache = new PersistedQueryCache(config.persistedQueries.cacheBytes);
  /**
   * The HTTP response of each request, found from its statistics object (the request's async store), for
   * the request plugin: Apollo plugins see only a copy of the context.
   */
  const responses = new WeakMap<QueryStats, Response>();

  // Per-request id and SQL statement count (the request's Db counts into it).
  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('x-request-id', requestId);
    const stats: QueryStats = { statements: 0 };
    Object.assign(res.locals, { requestId, stats });
    responses.set(stats, res);
    next();
  });

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (_req, res) => locals(res as Response).requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
      customSuccessObject: (_req, res, val: Record<string, unknown>) => ({ ...val, ...graphqlLogFields(res as Response) }),
      customErrorObject: (_req, res, _err, val: Record<string, unknown>) => ({ ...val, ...graphqlLogFields(res as Response) }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const reason = await databaseProblem(db, config.ops.readyTimeoutMs);
    if (reason === null) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason });
  });

  app.get('/metrics', metricsEndpoint(metrics, config.ops.metricsToken));

  // Cross-origin browsers: only the origins in CORS_ORIGINS get Access-Control-Allow-Origin; a preflight is
  // answered here (204), before authentication, whatever the origin.
  app.use('/graphql', cors(corsOptions(config.corsOrigins)));

  // A browser asking for /graphql gets the playground (and its assets, served by the service itself).
  app.use(playgroundRouter());

  app.use('/graphql', requestMetrics(metrics));

  // Who is calling (the token is checked once, here), then that caller's request budget.
  app.use('/graphql', async (req, res, next) => {
    const l = locals(res);
    l.principal = null;
    l.authError = null;
    try {
      l.principal = verifyBearer(req.headers.authorization, keys, config);
    } catch (err) {
      if (!(err instanceof AuthError)) return next(err);
      l.authError = err;
    }
    if (!limiter) return next();
    // Per subject; without a valid token, per client address (so token guessing is limited too).
    const decision = await limiter.consume(l.principal ? `sub:${l.principal.subject}` : `ip:${req.ip}`);
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (decision.allowed) return next();
    metrics.countError('RATE_LIMITED');
    res.setHeader('Retry-After', String(decision.retryAfterSec));
    res.status(429).json({
      errors: [{
        message: `Rate limit exceeded: at most ${config.rateLimit.points} requests per ${config.rateLimit.windowSec} s; retry after ${decision.retryAfterSec} s`,
        extensions: { code: 'RATE_LIMITED', retryAfterSec: decision.retryAfterSec },
      }],
    });
  });

  const apollo = new ApolloServer<Context>({
    // Queries run compiled (graphql-jit) unless GRAPHQL_JIT=false; see src/graphql/jit-executor.ts.
    ...(config.graphqlJit ? { gateway: jitGateway(schema, { minRuns: config.graphqlJitMinRuns, onCompile: () => metrics.countCompilation() }) } : { schema }),
    introspection: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // A bearer token is a non-simple header (browsers preflight it), so it also proves the request is not a CSRF.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: it drains HTTP, closes the pool, then stops the embedded server.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    formatError: (formatted, original) => formatError(formatted, original, config),
    // Automatic persisted queries, in a bounded in-memory LRU per instance (PERSISTED_QUERIES_CACHE_MB).
    persistedQueries: config.persistedQueries.enabled ? { cache: apqCache } : false,
    plugins: [
      // In-flight requests get the shutdown budget less a second for closing the pool; then they are cut.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: Math.max(0, config.shutdownTimeoutMs - 1000) }),
      ApolloServerPluginLandingPageDisabled(),
      // The cache-control plugin (on by default) wraps every field resolver to read cache hints we never set.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin(config, log, metrics, responses),
      introspectionGate(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    idempotency({
      store: new IdempotencyStore(db.pool, config.idempotency.ttlHours),
      log,
      parseOptions: limits.parseOptions,
      persistedQuery: (hash) => (config.persistedQueries.enabled ? apqCache.query(hash) : undefined),
      onError: (code) => metrics.countError(code),
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const l = locals(res);
        let principal = l.principal;
        if (!principal) {
          if (config.introspectionWithoutToken && !req.headers.authorization) {
            principal = ANONYMOUS;
          } else {
            metrics.countError('UNAUTHENTICATED');
            throw new GraphQLError(l.authError?.message ?? 'Not authenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
        }
        const { requestId, stats } = l;
        const requestDb = db.forRequest(stats);
        return { requestId, principal, db: requestDb, stats, loaders: createLoaders(requestDb), log: log.child({ requestId }), config };
      },
    }),
  );

  // Malformed JSON bodies and other request errors: a clean JSON 4xx, never a stack trace.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: locals(res).requestId }, 'unhandled request error');
    metrics.countError(status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    const message =
      status === 500 ? 'Internal server error'
        : err.type === 'entity.too.large' ? `Request body exceeds the limit of ${config.limits.maxBodyBytes} bytes (MAX_BODY_BYTES)`
          : err.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  return { server, apollo, limiter, metrics };
}

/** Null when the database answers `SELECT 1` within `timeoutMs`; otherwise why not (for the /readyz body). */
async function databaseProblem(db: Db, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database did not answer within ${timeoutMs} ms`), timeoutMs);
  });
  // query_timeout also ends a query that hangs on a connection, which the pool then discards.
  const probe = db.pool.query({ text: 'SELECT 1', query_timeout: timeoutMs } as QueryConfig).then(
    () => null,
    (err: Error) => `database unreachable: ${err.message}`,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Headers a browser client may send: the token, JSON, the idempotency key, Apollo's CSRF-prevention headers, a trace id. */
const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'];
/** Response headers a browser client may read. */
const CORS_EXPOSED_HEADERS = ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'retry-after', 'idempotent-replayed'];

function corsOptions(origins: readonly string[]): cors.CorsOptions {
  const allowed = new Set(origins);
  return {
    // The origin is echoed only when listed (with Vary: Origin); '*' (development) answers any origin.
    origin: allowed.has('*') ? '*' : (origin, cb) => cb(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    // Bearer tokens, no cookies: credentials stay off.
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
}

/** GraphQL facts for the access log line, left on the response by the request plugin. */
function graphqlLogFields(res: Response): Record<string, unknown> {
  const outcome = res.getHeader('x-graphql-outcome');
  if (outcome === undefined) return {};
  return {
    operationName: decodeURIComponent(String(res.getHeader('x-graphql-operation') ?? '')) || null,
    outcome,
    sqlStatements: locals(res).stats?.statements,
  };
}

/** Records operation name and outcome for the access log, and the SQL statement count header outside production. */
function requestPlugin(config: Config, rootLog: Logger, metrics: Metrics, responses: WeakMap<QueryStats, Response>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Anything that is not an expected error code is a bug: logged in full, with the request id.
        async didEncounterErrors({ errors, contextValue }) {
          const log = (contextValue as Context | undefined)?.log ?? rootLog;
          for (const err of errors) {
            const code = err.extensions?.code as string | undefined;
            if ((code && EXPOSED_CODES.has(code)) || isCodelessClientError(err.extensions)) continue;
            if (err.extensions?.limit !== undefined || TOKEN_LIMIT_RE.test(err.message)) continue;
            log.error({ err: err.originalError ?? err, path: err.path, requestId: (contextValue as Context | undefined)?.requestId }, 'internal error');
          }
        },
        async willSendResponse({ response, request, errors, operationName, document, contextValue }) {
          const stats = (contextValue as Context | undefined)?.stats;
          if (config.env !== 'production' && stats) response.http.headers.set('x-sql-statements', String(stats.statements));
          const body = response.body;
          const resultErrors = body.kind === 'single' ? body.singleResult.errors : undefined;
          // Formatted errors: the codes clients see.
          for (const err of resultErrors ?? []) metrics.countError(err.extensions?.code as string | undefined);
          const res = stats && responses.get(stats);
          // A document that failed validation still names its operation; one that did not parse has none.
          const op = document ? getOperationAST(document, request.operationName) : null;
          if (res && op) locals(res).operation = op.name?.value ?? 'anonymous';
          const outcome = errors?.length || resultErrors?.length ? String((resultErrors?.[0]?.extensions?.code as string) ?? 'error') : 'ok';
          response.http.headers.set('x-graphql-outcome', outcome);
          response.http.headers.set('x-graphql-operation', encodeURIComponent(operationName ?? request.operationName ?? ''));
        },
      };
    },
  };
}

/** With INTROSPECTION_WITHOUT_TOKEN, a caller without a token may ask for __schema/__type/__typename and nothing else. */
function introspectionGate(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!contextValue.principal.anonymous) return;
          if (!operation || !isIntrospectionOnly(operation)) {
            throw new GraphQLError('Missing Authorization header: send "Authorization: Bearer <token>" (only introspection is open without one)', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}

const isIntrospectionOnly = (op: OperationDefinitionNode): boolean =>
  op.operation === 'query' && op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

/** Apollo's own request refusals without a code but with a 4xx status (APQ hash mismatch, unsupported APQ version): BAD_REQUEST. */
function isCodelessClientError(extensions: Record<string, unknown> | undefined): boolean {
  if (extensions?.code !== undefined) return false;
  const status = (extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Validation errors about argument values (literals in the query): the contract calls those BAD_USER_INPUT. */
const ARGUMENT_VALUE_RE =
  /^(Expected value of type |Value ".*" does not exist in ".+" enum|Enum ".+" cannot represent |[A-Za-z]+ cannot represent |Field ".+" of required type ".+" was not provided|Field ".+" is not defined by type |Field ".+" argument ".+" of type ".+" is required|Unknown argument ")/;

/**
 * The contract's codes whichever stage caught the problem: limit refusals (parser, validation, plugin) are
 * QUERY_TOO_COMPLEX; bad argument values are BAD_USER_INPUT, whether in variables or written in the query.
 */
function limitCode(formatted: GraphQLFormattedError): Record<string, unknown> | null {
  if (formatted.extensions?.limit !== undefined) return { code: 'QUERY_TOO_COMPLEX' };
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && ARGUMENT_VALUE_RE.test(formatted.message)) return { code: 'BAD_USER_INPUT' };
  const tokens = TOKEN_LIMIT_RE.exec(formatted.message);
  if (tokens) return { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: Number(tokens[1]) };
  return null;
}

function formatError(formatted: GraphQLFormattedError, original: unknown, config: Config): GraphQLFormattedError {
  const limit = limitCode(formatted);
  if (limit) formatted = { ...formatted, extensions: { ...formatted.extensions, ...limit } };
  else if (original instanceof GraphQLError && isCodelessClientError(original.extensions)) formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  if (EXPOSED_CODES.has(code)) {
    // Apollo's http extension is internal plumbing.
    const { http: _http, stacktrace: _st, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  // The detail went to the log (requestPlugin, with the request id); the caller gets no internals.
  return {
    message: config.env === 'development' ? formatted.message : 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
