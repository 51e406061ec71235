import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyPlaygroundAssets, locateVendorAssets, PLAYGROUND_CSP, PLAYGROUND_VENDOR_ASSETS } from '../src/playground';
import { ok, startTestApp, type TestApp } from './support/test-app';
import type { BrowserInput, BrowserReport } from './support/playground-browser';

/**
 * The playground: GraphiQL served by the service itself. Over HTTP: the page, its assets,
 * its headers (CSP, caching) and the routing rule. In Chromium: load the page, fill the token,
 * run the default query and one of our own, and see that no other host was ever asked.
 */

const ROOT = path.resolve(__dirname, '..');
const SCREENSHOT = path.join(ROOT, '.github', 'playground.png');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(
    `\n*** PLAYGROUND BROWSER TEST SKIPPED: no Chromium at ${CHROMIUM}. ***\n` +
      '*** Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH. With CI set, this is a failure. ***\n',
  );
}
/** On a developer machine without Chromium the browser test is skipped, loudly; in CI it fails. */
const browserTest = HAVE_CHROMIUM || process.env.CI ? test : test.skip;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Absolute URLs in the page: there must be none (everything is the service's own, by relative URL). */
const absoluteUrls = (html: string): string[] => html.match(/\b(?:https?:)?\/\/[^\s"'<>)]+/gi) ?? [];

describe('the page', () => {
  test('a browser asking for /graphql gets GraphiQL with only same-origin, relative asset URLs and a strict CSP', async () => {
    const res = await app.http().get('/graphql').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>ITAM GraphQL</title>');
    expect(absoluteUrls(res.text)).toEqual([]);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script: the CSP forbids it

    const scripts = [...res.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    const styles = [...res.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.map((s) => s.replace(/\?v=[0-9a-f]{12}$/, ''))).toEqual([
      'graphql/assets/react.production.min.js',
      'graphql/assets/react-dom.production.min.js',
      'graphql/assets/graphiql.min.js',
      'graphql/assets/playground.js',
    ]);
    expect(styles.map((s) => s.replace(/\?v=[0-9a-f]{12}$/, ''))).toEqual(['graphql/assets/graphiql.min.css', 'graphql/assets/playground.css']);

    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(PLAYGROUND_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(res.headers['cache-control']).toBe('no-cache');

    // With a trailing slash, the relative URLs still point at the same assets.
    const slash = await app.http().get('/graphql/').set('accept', 'text/html');
    expect(slash.status).toBe(200);
    expect(slash.text).toContain('src="assets/graphiql.min.js?v=');
  });

  test('every asset the page names is served with its type, a year of caching and gzip; others are 404', async () => {
    const page = await app.http().get('/graphql').set('accept', 'text/html');
    const urls = [...page.text.matchAll(/(?:src|href)="graphql\/([^"]+)"/g)].map((m) => `/graphql/${m[1]}`);
    expect(urls).toHaveLength(6);
    const vendor = locateVendorAssets()!;
    for (const url of urls) {
      const res = await app.http().get(url).set('accept-encoding', 'gzip');
      expect(res.status).toBe(200);
      const name = path.basename(url.split('?')[0]);
      expect(res.headers['content-type']).toBe(url.includes('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      if (vendor.has(name)) expect(res.headers['content-encoding']).toBe('gzip');
      // The body (supertest gunzips it) is the installed bundle, byte for byte.
      const file = vendor.get(name);
      if (file) expect(Buffer.from(res.text).equals(fs.readFileSync(file))).toBe(true);

      const again = await app.http().get(url).set('if-none-match', res.headers.etag);
      expect(again.status).toBe(304);
    }
    const plain = await app.http().get('/graphql/assets/react.production.min.js').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(fs.statSync(vendor.get('react.production.min.js')!).size);

    for (const bad of ['nope.js', 'graphiql.min.js.map', '..%2Fpackage.json', '%2E%2E%2F%2E%2E%2Fpackage.json']) {
      const res = await app.http().get(`/graphql/assets/${bad}`);
      expect(res.status).toBe(404);
    }
    expect((await app.http().get('/graphql/assets/../../package.json')).status).not.toBe(200);
  });

  test('API requests are not the page: GET with ?query=, JSON clients, and POST all reach GraphQL', async () => {
    const token = app.token();
    const get = await app.http().get('/graphql').query({ query: '{ viewer { subject } }' })
      .set('accept', 'text/html,application/json;q=0.9').set('authorization', `Bearer ${token}`).set('apollo-require-preflight', '1');
    expect(get.headers['content-type']).toMatch(/json/);
    expect(get.body.data).toEqual({ viewer: { subject: 'test-user' } });

    const json = await app.http().get('/graphql').set('accept', 'application/json');
    expect(json.headers['content-type']).toMatch(/json/);
    expect(json.headers['content-security-policy']).toBeUndefined();

    ok(await app.gql('{ viewer { subject } }'));
  });
});

describe('the build step', () => {
  test('copies exactly the four UMD bundles, byte for byte, and the service prefers that copy', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'itam-playground-'));
    try {
      fs.writeFileSync(path.join(out, 'stale.js'), 'old');
      const names = copyPlaygroundAssets(out);
      expect(names.sort()).toEqual(PLAYGROUND_VENDOR_ASSETS.map((a) => a.name).sort());
      expect(fs.readdirSync(out).sort()).toEqual(names.sort());
      const fromModules = locateVendorAssets(path.join(out, 'missing'))!;
      const fromBuild = locateVendorAssets(out)!;
      for (const name of names) {
        expect(fromBuild.get(name)).toBe(path.join(out, name));
        expect(fromModules.get(name)).toContain(`${path.sep}node_modules${path.sep}`);
        expect(fs.readFileSync(fromBuild.get(name)!).equals(fs.readFileSync(fromModules.get(name)!))).toBe(true);
      }
      // An incomplete copy is not used.
      fs.rmSync(path.join(out, 'graphiql.min.css'));
      expect(locateVendorAssets(out)!.get('graphiql.min.js')).toBe(fromModules.get('graphiql.min.js'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

/** Runs test/support/playground-browser.ts in its own Node process (puppeteer-core is an ES module). */
function driveBrowser(input: BrowserInput): Promise<BrowserReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'support', 'playground-browser.ts')], {
      cwd: ROOT,
      env: { ...process.env, PLAYGROUND_BROWSER_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`browser driver exited ${code}:\n${err}\n${out}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as BrowserReport);
    });
  });
}

describe('in Chromium', () => {
  browserTest('load the page, fill the token, run queries and see their results; no other host is asked', async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI is set but there is no Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);
    for (const [name, category] of [['Build server', 'SERVER'], ['Design laptop', 'LAPTOP'], ['Front desk phone', 'PHONE']]) {
      const data = ok(await app.gql(
        'mutation($input: CreateHardwareInput!) { createHardware(input: $input) { asset { id } userErrors { code } } }',
        { input: { name, category } },
      ));
      expect(data.createHardware.userErrors).toEqual([]);
    }
    const token = app.token();
    const report = await driveBrowser({
      url: app.url,
      token,
      executablePath: CHROMIUM,
      query: '{ viewer { roles } licenses: assets(filter: { kinds: [SOFTWARE_LICENSE] }) { totalCount } }',
      screenshot: process.env.UPDATE_SCREENSHOT === '1' ? SCREENSHOT : undefined,
    });

    expect(report.pageErrors).toEqual([]);
    expect(report.cspViolations).toEqual([]);
    // The headers editor is open and holds the Authorization header, ready for a token.
    expect(report.initial.headersVisible).toBe(true);
    expect(JSON.parse(report.initial.headers)).toEqual({ Authorization: 'Bearer ' });
    expect(report.initial.query).toMatch(/viewer \{\s+subject\s+roles\s+\}\s+assets\(first: 10\)/);

    // The default query, run with the typed token.
    const first = JSON.parse(report.defaultResult);
    expect(first.errors).toBeUndefined();
    expect(first.data.viewer).toEqual({ subject: 'test-user', roles: ['ADMIN'] });
    expect(first.data.assets.totalCount).toBe(3);
    expect(first.data.assets.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['Build server', 'Design laptop', 'Front desk phone']);
    // Our own query, written into the editor.
    expect(JSON.parse(report.queryResult)).toEqual({ data: { viewer: { roles: ['ADMIN'] }, licenses: { totalCount: 0 } } });

    // Everything came from the service itself: the page, its six assets, and the GraphQL calls.
    const origin = new URL(app.url).origin;
    const foreign = report.requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin);
    expect(foreign).toEqual([]);
    const assetRequests = report.requests.filter((r) => r.url.includes('/graphql/assets/'));
    expect(assetRequests).toHaveLength(6);
    // The schema was asked for on load (no token yet: an empty "Bearer " is not sent), then again once a
    // query with the typed token succeeded, so the docs and completion work; the queries carried the token.
    // (GraphiQL retries a failed introspection once without subscriptions: repeats are folded.)
    const posts = report.requests
      .filter((r) => r.method === 'POST')
      .map((r) => `${r.operationName ?? 'query'} ${r.authorization === undefined ? 'none' : r.authorization === `Bearer ${token}` ? 'token' : r.authorization}`)
      .filter((p, i, all) => p !== all[i - 1]);
    expect(posts).toEqual(['IntrospectionQuery none', 'query token', 'IntrospectionQuery token', 'query token']);
    expect(report.docs).toContain('Root Types');
    expect(report.docs).toContain('query: Query');
    expect(report.docs).toContain('mutation: Mutation');
  }, 120_000);
});
