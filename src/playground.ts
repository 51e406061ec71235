import express, { type Router } from 'express';

/** GET /graphql from a browser (Accept: text/html, no query): the playground page. */
export function playgroundRouter(): Router {
  const router = express.Router();
  router.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query) {
      res.type('html').send(playgroundHtml());
      return;
    }
    next();
  });
  return router;
}

/**
 * A small, self-contained query page served at GET /graphql to browsers: no
 * external scripts or styles, so it works on a network without internet access.
 */
export function playgroundHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ITAM GraphQL</title>
<style>body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-rows:auto 1fr;height:100vh}
header{padding:8px 12px;background:#1f2937;color:#fff;display:flex;gap:8px;align-items:center}
header input{flex:1;padding:4px}main{display:grid;grid-template-columns:1fr 1fr;gap:8px;padding:8px;min-height:0}
textarea,pre{width:100%;height:100%;box-sizing:border-box;font:13px ui-monospace,monospace;margin:0;padding:8px;border:1px solid #ccc;overflow:auto}
.col{display:grid;grid-template-rows:2fr 1fr;gap:8px;min-height:0}button{padding:4px 16px}</style></head>
<body><header><strong>ITAM GraphQL</strong><label for="token">Bearer token</label>
<input id="token" placeholder="paste a token from: npm run token -- --sub you --role ADMIN"><button id="run">Run ▶</button></header>
<main><div class="col"><textarea id="query" aria-label="query">{
  viewer { subject roles }
  assets(first: 10) { totalCount nodes { id assetTag name kind status } }
}</textarea><textarea id="variables" aria-label="variables">{}</textarea></div><pre id="result" aria-label="result"></pre></main>
<script>
const $ = (id) => document.getElementById(id);
$('token').value = localStorage.getItem('itam-token') || '';
$('run').onclick = async () => {
  localStorage.setItem('itam-token', $('token').value);
  let variables = {};
  try { variables = JSON.parse($('variables').value || '{}'); } catch (e) { $('result').textContent = 'Variables are not valid JSON'; return; }
  const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: 'Bearer ' + $('token').value.trim() }, body: JSON.stringify({ query: $('query').value, variables }) });
  $('result').textContent = JSON.stringify(await res.json(), null, 2);
};
</script></body></html>`;
}
