import crypto from 'node:crypto';
import { Client } from 'pg';

/** Only databases with this prefix are ever created or dropped by the tests. */
export const TEST_DB_PREFIX = 'itam_test_';

export function adminUrl(): string {
  const url = process.env.ITAM_TEST_ADMIN_URL;
  if (!url) throw new Error('ITAM_TEST_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

function assertTestName(name: string): void {
  if (!name.startsWith(TEST_DB_PREFIX) || !/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch non-test database ${name}`);
}

export async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const template = process.env.ITAM_TEST_TEMPLATE as string;
  assertTestName(template);
  const name = `${TEST_DB_PREFIX}${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  assertTestName(name);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
