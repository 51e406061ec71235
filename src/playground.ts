import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';

/**
 * The playground: GraphiQL served by the service itself (no CDN), so that it works on a
 * network without internet access. Its UMD bundles are copied into dist/playground by
 * `npm run build`; when that folder is absent (running from source: ts-node, jest, `npm run dev`)
 * they are read straight from node_modules, so no build step is needed before the tests.
 */

/** The vendored bundles, by the name they are served under. Versions come from package-lock.json. */
export const PLAYGROUND_VENDOR_ASSETS: ReadonlyArray<{ name: string; pkg: string; file: string }> = [
  { name: 'react.production.min.js', pkg: 'react', file: 'umd/react.production.min.js' },
  { name: 'react-dom.production.min.js', pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  { name: 'graphiql.min.js', pkg: 'graphiql', file: 'graphiql.min.js' },
  { name: 'graphiql.min.css', pkg: 'graphiql', file: 'graphiql.min.css' },
];

/** Where `npm run build` puts the bundles: dist/playground, next to the compiled dist/src. */
export const BUILT_ASSET_DIR = path.resolve(__dirname, '..', 'playground');

/** URL path of the assets, below the page's own path. */
const ASSET_PATH = 'assets';

const DEFAULT_QUERY = `# ITAM GraphQL. Put a token after "Bearer "
# in Headers below (npm run token -- --sub you
# --role ADMIN), then run: Ctrl-Enter or \u25B6.
{
  viewer {
    subject
    roles
  }
  assets(first: 10) {
    totalCount
    nodes {
      id
      assetTag
      name
      kind
      status
    }
  }
}
`;

const DEFAULT_HEADERS = `{
  "Authorization": "Bearer "
}`;

/**
 * Starts GraphiQL on the page. A static file rather than an inline script, so that the
 * Content-Security-Policy can forbid inline scripts altogether.
 * - An Authorization header with an empty token is left out, so that the schema can still be
 *   introspected without a token where INTROSPECTION_WITHOUT_TOKEN allows it.
 * - The schema (docs, completion) is fetched when the page opens, usually before a token is
 *   filled in. When that failed and a query then succeeds, GraphiQL gets a new fetcher, which
 *   makes it introspect again, now with the token.
 */
const BOOTSTRAP_JS = `(function () {
  'use strict';
  var endpoint = window.location.pathname.replace(/\\/+$/, '') || '/graphql';
  // Plain JSON responses (the server has no @defer/@stream), so every call is a promise.
  var base = GraphiQL.createFetcher({ url: endpoint, enableIncrementalDelivery: false });
  var schemaLoaded = false;
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  function withoutEmptyBearer(given) {
    var headers = {};
    Object.keys(given || {}).forEach(function (key) {
      var value = given[key];
      if (key.toLowerCase() === 'authorization' && /^\\s*bearer\\s*$/i.test(String(value))) return;
      headers[key] = value;
    });
    return headers;
  }

  function makeFetcher() {
    return function fetcher(params, opts) {
      var result = base(params, Object.assign({}, opts, { headers: withoutEmptyBearer(opts && opts.headers) }));
      var introspection = params.operationName === 'IntrospectionQuery';
      if (result && typeof result.then === 'function') {
        result.then(function (body) {
          var answered = Boolean(body && body.data);
          if (introspection) {
            schemaLoaded = answered && Boolean(body.data.__schema);
          } else if (answered && !schemaLoaded) {
            schemaLoaded = true;
            render();
          }
        }, function () {});
      }
      return result;
    };
  }

  function render() {
    root.render(React.createElement(GraphiQL, {
      fetcher: makeFetcher(),
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: ${JSON.stringify(DEFAULT_HEADERS)},
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true
    }));
  }
  render();
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
.itam-loading { font: 14px system-ui, sans-serif; padding: 16px; }
`;

/**
 * Only our own scripts and styles, and requests to this origin only. Styles also need
 * 'unsafe-inline': GraphiQL's dialogs (settings, shortcuts) insert <style> elements to lock
 * scrolling, and its fonts and icons are data: URLs inside its CSS. Scripts: 'self' only,
 * no inline script, no eval.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Short content hash, used as the cache-busting query string. */
  version: string;
  gzipped?: Promise<Buffer>;
}

const gzip = promisify(zlib.gzip);

function makeAsset(body: Buffer, name: string): Asset {
  const hash = crypto.createHash('sha256').update(body).digest('hex');
  const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  return { body, contentType, etag: `"${hash.slice(0, 32)}"`, version: hash.slice(0, 12) };
}

/** The vendor bundles as installed in node_modules, or null when one is missing. */
function moduleAssets(): Map<string, string> | null {
  try {
    const files = new Map(
      PLAYGROUND_VENDOR_ASSETS.map((a) => [a.name, path.join(path.dirname(require.resolve(`${a.pkg}/package.json`)), a.file)]),
    );
    return [...files.values()].every((f) => fs.existsSync(f)) ? files : null;
  } catch {
    return null;
  }
}

/** The vendor bundles: the built copy when complete, else node_modules (running from source); null if neither. */
export function locateVendorAssets(builtDir = BUILT_ASSET_DIR): Map<string, string> | null {
  const built = new Map(PLAYGROUND_VENDOR_ASSETS.map((a) => [a.name, path.join(builtDir, a.name)]));
  if ([...built.values()].every((f) => fs.existsSync(f))) return built;
  return moduleAssets();
}

/** The build step (src/cli/build-playground.ts): copies the vendor bundles from node_modules into `outDir`. */
export function copyPlaygroundAssets(outDir = BUILT_ASSET_DIR): string[] {
  const sources = moduleAssets();
  if (!sources) {
    const wanted = PLAYGROUND_VENDOR_ASSETS.map((a) => `${a.pkg}/${a.file}`).join(', ');
    throw new Error(`playground: not all of ${wanted} are in node_modules (npm ci installs them)`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, from] of sources) fs.copyFileSync(from, path.join(outDir, name));
  return [...sources.keys()];
}

let cache: Map<string, Asset> | null | undefined;

/** All assets, read once on the first browser request (about 4 MB, kept in memory). */
function assets(): Map<string, Asset> | null {
  if (cache !== undefined) return cache;
  const vendor = locateVendorAssets();
  if (!vendor) return (cache = null);
  const map = new Map<string, Asset>();
  for (const [name, file] of vendor) map.set(name, makeAsset(fs.readFileSync(file), name));
  map.set('playground.js', makeAsset(Buffer.from(BOOTSTRAP_JS), 'playground.js'));
  map.set('playground.css', makeAsset(Buffer.from(PAGE_CSS), 'playground.css'));
  return (cache = map);
}

const wantsPage = (req: Request): boolean =>
  req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query;

/** GET /graphql from a browser (Accept: text/html, no query): the playground page; GET /graphql/assets/<file>: its assets. */
export function playgroundRouter(): Router {
  const router = express.Router();
  router.get('/graphql', (req, res, next) => {
    if (!wantsPage(req)) return next();
    const all = assets();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!all) {
      res.status(503).type('text').send('The playground assets are missing: run `npm run build` (or `npm ci` when running from source).\n');
      return;
    }
    res.setHeader('Content-Security-Policy', PLAYGROUND_CSP);
    // Relative URLs, so that the page also works behind a reverse proxy that adds a path prefix.
    const prefix = req.path.endsWith('/') ? `${ASSET_PATH}/` : `graphql/${ASSET_PATH}/`;
    res.type('html').send(playgroundHtml((name) => `${prefix}${name}?v=${all.get(name)!.version}`));
  });
  router.get(`/graphql/${ASSET_PATH}/:file`, (req, res) => {
    const asset = assets()?.get(req.params.file);
    if (!asset) {
      res.status(404).type('text').send('Not found\n');
      return;
    }
    sendAsset(req, res, asset).catch(() => {
      if (!res.headersSent) res.status(500).type('text').send('Internal server error\n');
    });
  });
  return router;
}

/** Versioned URLs, so the bundles can be cached for a year; gzip when the browser accepts it. */
async function sendAsset(req: Request, res: Response, asset: Asset): Promise<void> {
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.setHeader('ETag', asset.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  let body = asset.body;
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip' && body.length > 1024) {
    asset.gzipped ??= gzip(body, { level: 9 });
    body = await asset.gzipped;
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', String(body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

/** The page: no inline script and no URL of another host, so it works offline and under the CSP. */
function playgroundHtml(url: (name: string) => string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ITAM GraphQL</title>
<link rel="stylesheet" href="${url('graphiql.min.css')}">
<link rel="stylesheet" href="${url('playground.css')}">
</head>
<body>
<div id="graphiql"><p class="itam-loading">Loading the playground…</p></div>
<noscript><p class="itam-loading">The playground needs JavaScript. The API itself is at POST /graphql.</p></noscript>
<script src="${url('react.production.min.js')}"></script>
<script src="${url('react-dom.production.min.js')}"></script>
<script src="${url('graphiql.min.js')}"></script>
<script src="${url('playground.js')}"></script>
</body>
</html>
`;
}
