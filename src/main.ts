import 'reflect-metadata';
import path from 'node:path';
import { startService } from './app';
import { ConfigError, loadConfig } from './config';
import { startEmbeddedPostgres, type EmbeddedServer } from './database/embedded';
import { createLogger } from './logger';

/** Process entry: config → database → server → signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const dir = path.join(config.dataDir, 'pg');
    log.info({ dir, port: config.embeddedPgPort }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dir,
      port: config.embeddedPgPort,
      database: 'itam',
      log: (m) => log.debug({ component: 'embedded-postgres' }, m),
      notice: (m) => log.info({ component: 'embedded-postgres' }, m),
    });
    databaseUrl = embedded.url;
  }

  const service = await startService(config, log, databaseUrl).catch(async (err) => {
    await embedded?.stop();
    throw err;
  });

  const tokenHelp = service.keys.signKey
    ? 'npm run token -- --sub alice --role ADMIN'
    : 'sign an RS256 token with the private key that matches JWT_PUBLIC_KEY';
  process.stdout.write(
    [
      '',
      `  ITAM GraphQL API ready at ${service.url}/graphql`,
      `  Playground (browser):      ${service.url}/graphql`,
      `  Get a token:               ${tokenHelp}`,
      `  Send it as:                Authorization: Bearer <token>`,
      service.keys.generated ? `  (development JWT secret kept in ${path.join(config.dataDir, 'jwt-dev-secret')})` : '',
      '',
    ].join('\n') + '\n',
  );

  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await service.stop();
      log.info('http server and database pool closed');
      if (embedded) {
        await embedded.stop();
        log.info('embedded PostgreSQL stopped');
      }
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
