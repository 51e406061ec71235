/**
 * `npm run bench`: drives the built service (`dist/src/main.js`, NODE_ENV=production, as
 * `npm start` runs it) with autocannon against a generated database, next to the "floor": the
 * same data fetched by one hand-written SQL statement through `pg` behind the same HTTP layer
 * (test/bench/floor.ts). Service and floor each run in their own process with the same Node.js
 * flags; autocannon runs in this one. Prints a markdown table and writes it to test/bench/RESULTS.md.
 *
 *   npm run seed -- --scale 100000          # once (DATABASE_URL=... for the target)
 *   BENCH_DATABASE_URL=postgres://... npm run bench [-- --duration 10 --connections 1,10,50 --only Q3]
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { resolveJwtKeys, signToken } from '../../src/auth/jwt';
import { Role } from '../../src/auth/roles';
import { encodeCursor } from '../../src/common/connection';
import { toGlobalId } from '../../src/common/global-id';
import { loadConfig } from '../../src/config';
import { KIND_TYPENAME, type AssetKind } from '../../src/modules/assets/asset.enums';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

interface Args {
  url: string;
  duration: number;
  warmup: number;
  connections: number[];
  only: string[] | null;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    url: get('database-url') ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/itam_bench',
    duration: Number(get('duration') ?? 10),
    warmup: Number(get('warmup') ?? 3),
    connections: (get('connections') ?? '1,10,50').split(',').map(Number),
    only: get('only')?.split(',') ?? null,
    out: get('out') ?? path.resolve('test', 'bench', 'RESULTS.md'),
  };
}

const SECRET = 'bench-secret-0123456789-0123456789-0123456789';
/** Node.js flags of the service and the floor: the ones `npm start` and the container use (README "Performance"). */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

// ---------------------------------------------------------------- the workloads

const CUSTODIAN = 'custodian { __typename ... on Person { displayName } ... on Department { name } ... on Location { name } ... on Vendor { name } }';
const Q1 = `query Q1($id: ID!) { asset(id: $id) { id assetTag name status ${CUSTODIAN} } }`;
const Q2 = `query Q2($loc: ID!) { assets(first: 50, filter: { statuses: [IN_USE, IN_STOCK], kinds: [HARDWARE], locationId: $loc }) { nodes { id assetTag name status kind } } }`;
// The most recently changed assets: a realistic mix of kinds, holders, custody chains and contracts (the first by tag are all certificates).
const q3 = (n: number, name = 'Q3') => `query ${name} { assets(first: ${n}, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id assetTag name status location { name } ${CUSTODIAN}
  custodyChain(first: 5) { nodes { sequence type occurredAt } } contracts { contractNumber vendor { name } }
  ... on Hardware { category serialNumber } ... on SoftwareLicense { product seatsTotal } ... on NetworkDevice { deviceType }
  ... on CloudResource { provider serviceModel } ... on VirtualMachine { vcpus memoryMib } ... on DataAsset { classification } ... on Certificate { commonName } } } }`;
const Q4 = `query Q4($after: String) { assets(first: 50, after: $after) { nodes { id assetTag name status } pageInfo { endCursor hasNextPage } } }`;
const CHECK_OUT = `mutation Q5out($a: ID!, $p: ID!) { checkOutAsset(input: { assetId: $a, to: { personId: $p } }) { asset { id status } userErrors { code } } }`;
const CHECK_IN = `mutation Q5in($a: ID!, $l: ID!) { checkInAsset(input: { assetId: $a, locationId: $l }) { asset { id status } userErrors { code } } }`;

// ---------------------------------------------------------------- measuring

interface Measure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

type Body = (ctx: Record<string, unknown>) => unknown;

/**
 * One autocannon run. With several kinds of request, each connection sends them in turn and the
 * measures are kept apart: the kinds then share the same seconds on the same machine (the keyset
 * pages compare this way, as sequential runs of a few milliseconds differ by more than the 1.2×
 * they test).
 */
async function run(url: string, pathName: string, bodies: Body | Array<{ kind: string; body: Body }>, headers: Record<string, string>, connections: number, duration: number): Promise<Record<string, Measure>> {
  const parts = typeof bodies === 'function' ? [{ kind: 'all', body: bodies }] : bodies;
  const times = parts.map(() => [] as number[]);
  const errors = parts.map(() => 0);
  const instance = autocannon({
    url,
    connections,
    duration,
    requests: parts.map((p) => ({
      method: 'POST',
      path: pathName,
      headers: { 'content-type': 'application/json', ...headers },
      setupRequest: (req: Record<string, unknown>, ctx: Record<string, unknown>) => ({ ...req, body: JSON.stringify(p.body(ctx)) }),
    })),
  });
  // autocannon reports a response before it moves the connection to its next request, so the index still names this one.
  instance.on('response', (client: { requestIterator: { currentRequestIndex: number } }, status: number, _bytes: number, ms: number) => {
    const i = client.requestIterator.currentRequestIndex;
    if (status !== 200) errors[i]++;
    times[i].push(ms);
  });
  const result = await instance;
  const out: Record<string, Measure> = {};
  parts.forEach((p, i) => {
    const ts = times[i].sort((x, y) => x - y);
    out[p.kind] = {
      rps: parts.length === 1 ? result.requests.average : ts.length / duration,
      p50: pct(ts, 50), p95: pct(ts, 95), p99: pct(ts, 99),
      errors: errors[i] + (parts.length === 1 ? result.errors : 0),
    };
  });
  return out;
}

/** Reads `itam_graphql_sql_statements_total` of one operation from the service's /metrics. */
async function statementCounter(url: string, operation: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`itam_graphql_sql_statements_total{operation="${operation}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** SQL statements of one request, from the service's own counter (production sends no statement header); a payload's userErrors fail the bench. */
async function statementsOf(url: string, token: string, query: string, variables: Record<string, unknown>, payload?: string): Promise<number> {
  const operation = /^(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  if (!operation) throw new Error('bench queries are named');
  const before = await statementCounter(url, operation);
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown; data?: Record<string, { userErrors?: unknown[] }> };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
  if (payload && body.data?.[payload]?.userErrors?.length) throw new Error(`bench ${operation} refused: ${JSON.stringify(body.data[payload].userErrors)}`);
  return (await statementCounter(url, operation)) - before;
}

/** Children to stop if the bench fails half-way (they would hold the terminal and the database). */
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

/** Starts a Node.js program with NODE_FLAGS and waits for the line that gives its URL. */
async function startProcess(script: string, env: Record<string, string>, ready: RegExp): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${out}`)));
  });
  child.stdout!.resume();
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url, child, stop };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The service as deployed: production settings, no rate limit (one subject drives all the load), no log lines.
  const env = {
    NODE_ENV: 'production', DATABASE_URL: args.url, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET, LOG_LEVEL: 'silent', DB_POOL_MAX: '20', RATE_LIMIT_POINTS: '0',
  };
  const pool = new Pool({ connectionString: args.url, max: 4 });
  const [{ n }] = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM asset')).rows;
  if (n < 1000) throw new Error(`${args.url} holds ${n} assets: generate data first (npm run seed -- --scale 100000)`);
  const dist = path.resolve(__dirname, '..', '..');
  const service = await startProcess(path.join(dist, 'src', 'main.js'), env, /ready at (http:\/\/[^/\s]+)\/graphql/);
  const floor = await startProcess(path.join(__dirname, 'floor.js'), env, /floor ready at (http:\/\/\S+)/);
  const token = signToken(resolveJwtKeys(loadConfig(env)), { sub: 'bench', roles: [Role.ADMIN] }, { expiresInSec: 86_400 });
  const auth = { authorization: `Bearer ${token}` };

  // Inputs: random assets, a busy location, the 90,000th asset's cursor, and a pool of assets in stock for the write mix.
  const ids = (await pool.query<{ id: string; kind: AssetKind }>('SELECT id, kind FROM asset ORDER BY md5(id::text) LIMIT 2000')).rows;
  const [busy] = (await pool.query<{ id: string }>(`SELECT location_id AS id FROM asset WHERE location_id IS NOT NULL GROUP BY location_id ORDER BY count(*) DESC LIMIT 1`)).rows;
  const deepOffset = Math.min(90_000, n - 100);
  const [deep] = (await pool.query<{ tag: string; id: string }>('SELECT asset_tag AS tag, id FROM asset ORDER BY asset_tag, id OFFSET $1 LIMIT 1', [deepOffset])).rows;
  const deepCursor = encodeCursor({ order: 'asset.ASSET_TAG.ASC', value: deep.tag, id: deep.id });
  const stock = (await pool.query<{ id: string; kind: AssetKind; location_id: string | null }>(
    `SELECT id, kind, location_id FROM asset WHERE status = 'IN_STOCK' AND location_id IS NOT NULL ORDER BY id LIMIT 500`)).rows;
  const people = (await pool.query<{ id: string }>('SELECT id FROM person WHERE active ORDER BY id LIMIT 500')).rows;
  const gidOf = (r: { id: string; kind: AssetKind }) => toGlobalId(KIND_TYPENAME[r.kind], r.id);
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  let q5Next = 0;
  const q5Out = new Set<string>();

  type Bodies = Body | Array<{ kind: string; body: Body }>;
  type Workload = { name: string; what: string; parts?: string[]; api: Bodies; floor?: Bodies; stmts?: () => Promise<string> };
  const workloads: Workload[] = [
    { name: 'Q1', what: 'asset by id with custodian', api: () => ({ query: Q1, variables: { id: gidOf(pick(ids)) } }), floor: () => ({ params: [pick(ids).id] }),
      stmts: async () => String(await statementsOf(service.url, token, Q1, { id: gidOf(ids[0]) })) },
    { name: 'Q2', what: '50 assets by status, kind, location (sub-locations)', api: () => ({ query: Q2, variables: { loc: toGlobalId('Location', busy.id) } }), floor: () => ({ params: [busy.id] }),
      stmts: async () => String(await statementsOf(service.url, token, Q2, { loc: toGlobalId('Location', busy.id) })) },
    { name: 'Q3', what: '100 most recently changed assets with custodian, custodyChain(5), contracts{vendor}, location, fragments on every kind', api: () => ({ query: q3(100) }), floor: () => ({ params: [100] }),
      stmts: async () => `${await statementsOf(service.url, token, q3(10, 'Q3_10'), {})} @10 / ${await statementsOf(service.url, token, q3(100, 'Q3_100'), {})} @100` },
    // First and deep keyset pages alternate on every connection within one run, measured apart.
    { name: 'Q4', parts: ['Q4-first', 'Q4-deep'], what: `first keyset page (50) and the page after the ${deepOffset.toLocaleString('en')}th asset, alternating in one run`,
      api: [{ kind: 'Q4-first', body: () => ({ query: Q4, variables: { after: null } }) }, { kind: 'Q4-deep', body: () => ({ query: Q4, variables: { after: deepCursor } }) }],
      floor: [{ kind: 'Q4-first', body: () => ({ params: [null, null] }) }, { kind: 'Q4-deep', body: () => ({ params: [deep.tag, deep.id] }) }],
      stmts: async () => `${await statementsOf(service.url, token, Q4, { after: null })} / ${await statementsOf(service.url, token, Q4, { after: deepCursor })}` },
    {
      // autocannon gives each request a fresh context, so the state lives here: assets are taken in
      // turn (500 of them, so no two requests in flight touch the same one) and each alternates
      // between checked out and checked in.
      name: 'Q5', what: 'check-out / check-in mix',
      api: () => {
        const a = stock[q5Next++ % stock.length];
        if (q5Out.delete(a.id)) return { query: CHECK_IN, variables: { a: gidOf(a), l: toGlobalId('Location', a.location_id!) } };
        q5Out.add(a.id);
        return { query: CHECK_OUT, variables: { a: gidOf(a), p: toGlobalId('Person', pick(people).id) } };
      },
      stmts: async () => {
        // One check-out and check-in of an asset kept aside, checked for userErrors (the mix's 200s alone would not show them).
        const a = stock[stock.length - 1];
        const out = await statementsOf(service.url, token, CHECK_OUT, { a: gidOf(a), p: toGlobalId('Person', people[0].id) }, 'checkOutAsset');
        const back = await statementsOf(service.url, token, CHECK_IN, { a: gidOf(a), l: toGlobalId('Location', a.location_id!) }, 'checkInAsset');
        return `${out} out / ${back} in`;
      },
    },
  ];

  const rows: string[] = [];
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  for (const w of workloads.filter((x) => !args.only || args.only.some((o) => x.name.startsWith(o)))) {
    const stmts = w.stmts ? await w.stmts() : '–';
    for (const c of args.connections) {
      await run(service.url, '/graphql', w.api, auth, c, args.warmup);
      const apis = await run(service.url, '/graphql', w.api, auth, c, args.duration);
      let floors: Record<string, Measure> | null = null;
      if (w.floor) {
        await run(floor.url, `/floor/${w.name.slice(0, 2)}`, w.floor, auth, c, args.warmup);
        floors = await run(floor.url, `/floor/${w.name.slice(0, 2)}`, w.floor, auth, c, args.duration);
      }
      for (const part of w.parts ?? ['all']) {
        const api = apis[part];
        const floorM = floors?.[part] ?? null;
        const ratio = floorM ? (api.p50 / floorM.p50).toFixed(2) : '–';
        const line = `| ${w.parts ? part : w.name} | ${c} | ${fmt(api.rps)} | ${fmt(api.p50)} | ${fmt(api.p95)} | ${fmt(api.p99)} | ${stmts} | ${floorM ? fmt(floorM.rps) : '–'} | ${floorM ? fmt(floorM.p50) : '–'} | ${ratio} | ${api.errors} |`;
        rows.push(line);
        process.stdout.write(`${line}\n`);
      }
    }
  }
  const header = [
    `Benchmark of ${new Date().toISOString().slice(0, 10)} on ${n.toLocaleString('en')} assets (${args.duration} s per run after ${args.warmup} s warm-up; latencies in ms), ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node.js ${process.version} ${NODE_FLAGS.join(' ')}; service and floor in processes of their own.`,
    '',
    '| workload | conns | req/s | p50 | p95 | p99 | SQL stmts/req | floor req/s | floor p50 | p50 ÷ floor | non-200 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const workloadsText = workloads.map((w) => `- ${w.name}: ${w.what}`).join('\n');

  // Bulk upsert (U): one call of 1,000 new items, then the same call again (all UNCHANGED). It writes, so it runs last.
  const runId = Date.now().toString(36);
  const items = Array.from({ length: 1000 }, (_, i) => ({
    externalId: `bench-${runId}-${i}`, kind: 'HARDWARE',
    hardware: { name: `Bench laptop ${i}`, category: 'LAPTOP', serialNumber: `BN-${runId}-${i}`, manufacturer: 'Lenovo', model: 'T14' },
  }));
  const upsert = async () => {
    const before = await statementCounter(service.url, 'BenchUpsert');
    const t0 = performance.now();
    const res = await fetch(`${service.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: 'mutation BenchUpsert($i: UpsertAssetsInput!) { upsertAssets(input: $i) { results { outcome } userErrors { message } } }', variables: { i: { source: `bench-${runId}`, items } } }),
    });
    const body = (await res.json()) as { data?: { upsertAssets: { results: Array<{ outcome: string }> } } };
    const ms = performance.now() - t0;
    const outcomes = new Set(body.data?.upsertAssets.results.map((r) => r.outcome));
    return { ms, outcomes: [...outcomes].join(','), stmts: (await statementCounter(service.url, 'BenchUpsert')) - before };
  };
  const runUpsert = !args.only || args.only.includes('U');
  const created = runUpsert ? await upsert() : null;
  const repeated = runUpsert ? await upsert() : null;
  const upsertText = !created || !repeated ? '' : `upsertAssets with 1,000 hardware items in one call: ${created.ms.toFixed(0)} ms (${created.outcomes}, ${created.stmts} SQL statements); ` +
    `the same call again: ${repeated.ms.toFixed(0)} ms (${repeated.outcomes}, ${repeated.stmts} statements).`;
  if (upsertText) process.stdout.write(`${upsertText}\n`);
  const table = `${header.join('\n')}\n${rows.join('\n')}\n\n${workloadsText}\n\n${upsertText}\n`;
  fs.writeFileSync(args.out, table);
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), args.out)}\n`);
  await floor.stop();
  await service.stop();
  await pool.end();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
