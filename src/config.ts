import path from 'node:path';
import { AssetKind } from './modules/assets/asset.enums';

/** The service's whole configuration, validated once at start. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** undefined: start an embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly dbPoolMax: number;
  readonly migrationsRun: boolean;
  readonly jwt: {
    readonly algorithm: 'HS256' | 'RS256';
    /** HS256 secret, or undefined when a development secret is to be generated. */
    readonly secret: string | undefined;
    /** HS256 secret still accepted (not used to sign) while tokens signed with it expire: key rotation. */
    readonly previousSecret: string | undefined;
    readonly publicKey: string | undefined;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    readonly clockToleranceSec: number;
  };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly shutdownTimeoutMs: number;
  /** What one request may ask for (see README "Security"). */
  readonly limits: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxAliases: number;
    readonly maxDirectives: number;
    readonly maxTokens: number;
    readonly maxBodyBytes: number;
  };
  /** Requests per subject (or per client address without a valid token) per window; points 0 turns it off. */
  readonly rateLimit: {
    readonly points: number;
    readonly windowSec: number;
    /** Shared counters in Redis when set; in memory (per instance) otherwise. */
    readonly redisUrl: string | undefined;
  };
  /** Operations endpoints (see README "Operations"). */
  readonly ops: {
    /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset: open (scraped inside the network). */
    readonly metricsToken: string | undefined;
    /** GET /readyz answers 503 when the database has not answered within this time (READY_TIMEOUT_MS, default 2000). */
    readonly readyTimeoutMs: number;
  };
  /** Browser origins allowed to call /graphql (CORS_ORIGINS); empty: no cross-origin access; ['*']: any origin (not in production). */
  readonly corsOrigins: readonly string[];
  /** Automatic persisted queries: on/off (PERSISTED_QUERIES) and the size of the in-memory LRU cache (PERSISTED_QUERIES_CACHE_MB). */
  readonly persistedQueries: {
    readonly enabled: boolean;
    readonly cacheBytes: number;
  };
  /** Idempotency-Key on mutations: how long a key and its stored response are kept (IDEMPOTENCY_TTL_HOURS, default 24). */
  readonly idempotency: {
    readonly ttlHours: number;
  };
  /** Development only: introspection without a token (INTROSPECTION_WITHOUT_TOKEN). */
  readonly introspectionWithoutToken: boolean;
  /** Queries run as compiled functions (graphql-jit) when on (GRAPHQL_JIT, default true); off: graphql-js for everything. */
  readonly graphqlJit: boolean;
  /** Runs of a query document before it is compiled (GRAPHQL_JIT_MIN_RUNS, default 2: one-offs are never compiled; the tests use 1). */
  readonly graphqlJitMinRuns: number;
  /** Lifecycle thresholds of the asset register. */
  readonly assets: {
    /** A warranty ending within this many days is EXPIRING (WARRANTY_WARNING_DAYS, default 30). */
    readonly warrantyWarningDays: number;
    /** A licence with less than this share of its seats in use is UNDER_UTILIZED (LICENSE_UNDERUSE_PERCENT, default 50). */
    readonly licenseUnderusePercent: number;
    /** Days between physical audits per kind (AUDIT_INTERVAL_DAYS, default 365, or AUDIT_INTERVAL_DAYS_<KIND>); 0: never due. */
    readonly auditIntervalDays: Readonly<Record<AssetKind, number>>;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the environment. Returns a frozen object, or throws one
 * ConfigError listing every bad variable, so an operator fixes them all at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return Number(raw);
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  };

  const nodeEnv = str('NODE_ENV') ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnv}")`);
  }
  const envName = (['development', 'test', 'production'].includes(nodeEnv) ? nodeEnv : 'development') as Config['env'];

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const secret = str('JWT_SECRET');
  const publicKeyRaw = str('JWT_PUBLIC_KEY');
  // A PEM given on one line with literal \n (as in many .env files) is accepted.
  const publicKey = publicKeyRaw?.replace(/\\n/g, '\n');
  if (secret !== undefined && publicKey !== undefined) {
    problems.push('set either JWT_SECRET (HS256) or JWT_PUBLIC_KEY (RS256), not both');
  }
  if (secret !== undefined && secret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  const previousSecret = str('JWT_SECRET_PREVIOUS');
  if (previousSecret !== undefined && secret === undefined) problems.push('JWT_SECRET_PREVIOUS needs JWT_SECRET (it is the key being rotated out)');
  if (previousSecret !== undefined && previousSecret.length < 32) problems.push('JWT_SECRET_PREVIOUS must be at least 32 characters');
  if (publicKey !== undefined && !/-----BEGIN (RSA )?PUBLIC KEY-----/.test(publicKey)) {
    problems.push('JWT_PUBLIC_KEY must be a PEM-encoded RSA public key');
  }
  if (envName === 'production' && secret === undefined && publicKey === undefined) {
    problems.push('JWT_SECRET or JWT_PUBLIC_KEY is required in production (no default key is ever used)');
  }
  if (envName === 'production' && databaseUrl === undefined) {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is for development)');
  }

  const logLevel = str('LOG_LEVEL') ?? (envName === 'test' ? 'silent' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const redisUrl = str('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const introspectionWithoutToken = bool('INTROSPECTION_WITHOUT_TOKEN', false);
  if (introspectionWithoutToken && envName === 'production') {
    problems.push('INTROSPECTION_WITHOUT_TOKEN cannot be on in production (introspection needs a token there)');
  }
  const metricsToken = str('METRICS_TOKEN');
  if (metricsToken !== undefined && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    problems.push('METRICS_TOKEN must be at least 16 printable characters without spaces (or unset: /metrics open)');
  }
  const corsOrigins = parseCorsOrigins(str('CORS_ORIGINS'), envName, problems);
  const auditDefault = int('AUDIT_INTERVAL_DAYS', 365, 0, 3650);
  const config: Config = {
    env: envName,
    host: str('HOST') ?? '0.0.0.0',
    port: int('PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(str('DATA_DIR') ?? '.data'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    dbPoolMax: int('DB_POOL_MAX', 10, 1, 500),
    migrationsRun: bool('MIGRATIONS_RUN', true),
    jwt: {
      algorithm: publicKey !== undefined ? 'RS256' : 'HS256',
      secret,
      previousSecret,
      publicKey,
      issuer: str('JWT_ISSUER'),
      audience: str('JWT_AUDIENCE'),
      clockToleranceSec: int('JWT_CLOCK_TOLERANCE_SEC', 30, 0, 600),
    },
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevel) ? (logLevel as Config['logLevel']) : 'info',
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    limits: Object.freeze({
      maxDepth: int('QUERY_MAX_DEPTH', 12, 2, 100),
      maxCost: int('QUERY_MAX_COST', 10000, 10, 10_000_000),
      maxAliases: int('QUERY_MAX_ALIASES', 30, 0, 1000),
      maxDirectives: int('QUERY_MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: int('QUERY_MAX_TOKENS', 5000, 100, 1_000_000),
      maxBodyBytes: int('MAX_BODY_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    }),
    rateLimit: Object.freeze({
      points: int('RATE_LIMIT_POINTS', 600, 0, 1_000_000),
      windowSec: int('RATE_LIMIT_WINDOW_SEC', 60, 1, 86_400),
      redisUrl,
    }),
    ops: Object.freeze({
      metricsToken,
      readyTimeoutMs: int('READY_TIMEOUT_MS', 2000, 100, 60_000),
    }),
    corsOrigins,
    persistedQueries: Object.freeze({
      enabled: bool('PERSISTED_QUERIES', true),
      cacheBytes: int('PERSISTED_QUERIES_CACHE_MB', 16, 1, 1024) * 1_048_576,
    }),
    idempotency: Object.freeze({
      ttlHours: int('IDEMPOTENCY_TTL_HOURS', 24, 1, 720),
    }),
    introspectionWithoutToken,
    graphqlJit: bool('GRAPHQL_JIT', true),
    graphqlJitMinRuns: int('GRAPHQL_JIT_MIN_RUNS', 2, 1, 1000),
    assets: Object.freeze({
      warrantyWarningDays: int('WARRANTY_WARNING_DAYS', 30, 0, 3650),
      licenseUnderusePercent: int('LICENSE_UNDERUSE_PERCENT', 50, 0, 100),
      auditIntervalDays: Object.freeze(
        Object.fromEntries(
          Object.values(AssetKind).map((kind) => [kind, int(`AUDIT_INTERVAL_DAYS_${kind}`, auditDefault, 0, 3650)]),
        ) as Record<AssetKind, number>,
      ),
    }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * CORS_ORIGINS: a comma-separated list of exact origins (scheme://host[:port]). `*` admits any
 * origin; it is refused in production, where the list of front ends is known.
 */
function parseCorsOrigins(raw: string | undefined, env: Config['env'], problems: string[]): readonly string[] {
  if (raw === undefined) return Object.freeze([]);
  const entries = raw.split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (entries.includes('*')) {
    if (env === 'production') problems.push('CORS_ORIGINS cannot be * in production: list the allowed origins (e.g. https://itam.example.com)');
    else if (entries.length > 1) problems.push('CORS_ORIGINS is either * or a list of origins, not both');
    return Object.freeze(['*']);
  }
  const origins: string[] = [];
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      const u = new URL(entry);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === entry.toLowerCase()) origin = u.origin;
    } catch {
      // reported below
    }
    if (origin === undefined) {
      problems.push(`CORS_ORIGINS entries must be origins such as https://itam.example.com or http://localhost:3000 (scheme, host, optional port; no path or trailing slash); got "${entry}"`);
    } else origins.push(origin);
  }
  return Object.freeze(origins);
}
