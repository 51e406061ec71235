import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  test('defaults for development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 4000, databaseUrl: undefined, migrationsRun: true, logLevel: 'info', graphqlJit: true, graphqlJitMinRuns: 2 });
    expect(c.jwt.algorithm).toBe('HS256');
    expect(Object.isFrozen(c)).toBe(true);
  });

  test('one error lists every bad variable', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', NODE_ENV: 'staging', MIGRATIONS_RUN: 'maybe', JWT_SECRET: 'short',
        GRAPHQL_JIT: 'sometimes', GRAPHQL_JIT_MIN_RUNS: '0',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV', 'MIGRATIONS_RUN', 'JWT_SECRET', 'GRAPHQL_JIT', 'GRAPHQL_JIT_MIN_RUNS']) expect(problems).toContain(name);
  });

  test('production refuses to start without a key or a database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_PUBLIC_KEY is required in production[\s\S]*DATABASE_URL is required/);
  });

  test('production with a key and a database starts', () => {
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/itam' });
    expect(c.env).toBe('production');
  });

  test('a public key selects RS256 and cannot be combined with a secret', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----';
    expect(loadConfig({ JWT_PUBLIC_KEY: pem }).jwt.algorithm).toBe('RS256');
    expect(() => loadConfig({ JWT_PUBLIC_KEY: pem, JWT_SECRET: 'y'.repeat(40) })).toThrow(/not both/);
  });
});
