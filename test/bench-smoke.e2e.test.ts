import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase, urlFor } from './support/test-db';

/**
 * A small smoke run of `npm run bench` (benchmarks themselves are not part of the tests): the
 * harness compiled as the bench script compiles it, on a database seeded with 1,200 assets, one
 * second per workload at 2 connections. It must finish, fill every row without failed requests,
 * and count Q3's statements the same at 10 and 100 items.
 */
const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, '.data', `bench-smoke-${process.pid}`);
let database: string;

function run(args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  if (database) await dropTestDatabase(database);
});

test('npm run bench runs end to end on a small seeded database', async () => {
  const seed = await run(['-r', 'ts-node/register/transpile-only', 'src/cli/seed.ts', '--scale', '1200', '--seed', 'smoke', '--today', '2026-11-30'],
    { DATABASE_URL: urlFor(database), NODE_ENV: 'test' });
  expect(seed).toMatchObject({ code: 0 });
  // As `npm run bench` compiles it (tsconfig.bench.json), into a directory of this test's own.
  const tsc = await run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json', '--outDir', OUT_DIR]);
  expect(tsc).toMatchObject({ code: 0 });
  const results = path.join(OUT_DIR, 'RESULTS.md');
  const bench = await run([path.join(OUT_DIR, 'test', 'bench', 'run.js'), '--duration', '1', '--warmup', '1', '--connections', '2', '--out', results],
    { BENCH_DATABASE_URL: urlFor(database) });
  expect(bench.stderr).not.toMatch(/Error/);
  expect(bench.code).toBe(0);

  const table = fs.readFileSync(results, 'utf8');
  const rows = table.split('\n').filter((l) => /^\| Q\d/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  expect(rows.map((r) => r[0])).toEqual(['Q1', 'Q2', 'Q3', 'Q4-first', 'Q4-deep', 'Q5']);
  for (const r of rows) {
    expect(Number(r[2])).toBeGreaterThan(0); // req/s
    expect(r[10]).toBe('0'); // non-200
    if (r[0] !== 'Q5') expect(Number(r[8])).toBeGreaterThan(0); // floor p50
  }
  const q3 = /^(\d+) @10 \/ (\d+) @100$/.exec(rows[2][6]);
  expect(q3).not.toBeNull();
  expect(q3![1]).toBe(q3![2]);
  expect(Number(q3![1])).toBeLessThanOrEqual(10);
  expect(rows[5][6]).toMatch(/^\d+ out \/ \d+ in$/);
  expect(table).toMatch(/upsertAssets with 1,000 hardware items in one call: \d+ ms \(CREATED, \d+ SQL statements\); the same call again: \d+ ms \(UNCHANGED, \d+ statements\)/);
}, 300_000);
