import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';

/**
 * `npm start` on a machine with no database: the service starts an embedded
 * PostgreSQL in its data directory, migrates it, serves, and stops cleanly.
 */

const ROOT = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.TEST_DATABASE_URL;
  delete childEnv.JWT_SECRET;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitFor(r: Running, pattern: RegExp, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(r.output())) {
    if (r.child.exitCode !== null) throw new Error(`exited early (${r.child.exitCode}):\n${r.output()}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('npm start without DATABASE_URL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'itam-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('embedded PostgreSQL is created, migrated, served, stopped, and reused on the next start', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1' };

    const first = start(env);
    try {
      await waitFor(first, /ready at (http:\/\/\S+)\/graphql/);
      const out = first.output();
      expect(out).toContain('initialising embedded PostgreSQL');
      expect(out).toContain('migrations applied');
      expect(out).toContain('npm run token -- --sub alice --role ADMIN');
      const base = /ready at (http:\/\/\S+)\/graphql/.exec(out)![1];
      expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

      // A browser gets the playground; the API answers a token signed with the generated development secret.
      const page = await request(base).get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>ITAM GraphQL</title>');
      const secret = fs.readFileSync(path.join(dataDir, 'jwt-dev-secret'), 'utf8').trim();
      const token = jwt.sign({ sub: 'alice', roles: ['ADMIN'] }, secret, { expiresIn: 60 });
      const res = await request(base).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ viewer { subject } assets { totalCount } }' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ viewer: { subject: 'alice' }, assets: { totalCount: 0 } });
      expect((await request(base).get('/healthz')).status).toBe(200);
      expect((await request(base).get('/readyz')).status).toBe(200);

      // SIGTERM while a request is in flight: it still completes, then the process exits 0.
      const inFlight = request(base).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ assets(first: 100) { totalCount nodes { id } } }' });
      const pending = inFlight.then((r) => r.status);
      await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGTERM');
      expect(await pending).toBe(200);
      const code = await first.exit;
      if (code !== 0) throw new Error(first.output());
      expect(first.output()).toContain('stopped');
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }

    const second = start(env);
    try {
      await waitFor(second, /ready at/);
      expect(second.output()).not.toContain('initialising embedded PostgreSQL');
      expect(second.output()).not.toContain('migrations applied');
      second.child.kill('SIGINT');
      expect(await second.exit).toBe(0);
    } finally {
      if (second.child.exitCode === null) second.child.kill('SIGKILL');
    }
  }, 120_000);

  test('production without a key refuses to start and says why', async () => {
    const r = start({ DATA_DIR: dataDir, NODE_ENV: 'production', PORT: 'x' });
    expect(await r.exit).toBe(78);
    expect(r.output()).toMatch(/JWT_SECRET or JWT_PUBLIC_KEY is required in production/);
    expect(r.output()).toMatch(/PORT must be an integer/);
  }, 60_000);
});
