/**
 * Drives the playground in Debian's headless Chromium; run as a child process by
 * test/playground.e2e.test.ts. puppeteer-core is an ES module: Node loads it with
 * require(esm), Jest's module system cannot, hence a separate process.
 *
 * Input: JSON in PLAYGROUND_BROWSER_INPUT. Output: one JSON line (BrowserReport) on stdout.
 */
import type { Browser, Page } from 'puppeteer-core' with { 'resolution-mode': 'import' };

export interface BrowserInput {
  url: string;
  token: string;
  executablePath: string;
  /** Query to run after the default one. */
  query: string;
  /** Where to write a screenshot of the page after the default query ran, if anywhere. */
  screenshot?: string;
}

export interface BrowserReport {
  /** Every URL the page requested, in order. */
  requests: Array<{ url: string; method: string; authorization?: string; operationName?: string }>;
  cspViolations: string[];
  pageErrors: string[];
  /** The editors as GraphiQL opened them. */
  initial: { headers: string; query: string; headersVisible: boolean };
  /** The result pane after running the default query, then after running `query`. */
  defaultResult: string;
  queryResult: string;
  /** Text of the documentation explorer, opened at the end (it needs the schema). */
  docs: string;
}

/** Just what the page functions touch (tsconfig has no DOM lib: these run in the browser, typed by hand). */
interface CodeMirrorHost {
  CodeMirror: { getValue(): string; setValue(v: string): void; posFromIndex(i: number): unknown; setCursor(p: unknown): void; focus(): void };
}
interface BrowserGlobals {
  document: {
    querySelector(selector: string): unknown;
    addEventListener(type: 'securitypolicyviolation', fn: (e: { violatedDirective: string; blockedURI: string }) => void): void;
  };
  __reportCsp(v: string): void;
}

export const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core', { with: { 'resolution-mode': 'import' } });

/** The CodeMirror 5 instance GraphiQL 3 mounts inside `selector`. */
const editorValue = (page: Page, selector: string): Promise<string> =>
  page.$eval(`${selector} .CodeMirror`, (el) => (el as unknown as CodeMirrorHost).CodeMirror.getValue());

async function waitForResult(page: Page, previous: string): Promise<string> {
  await page.waitForFunction(
    (prev: string) => {
      const el = (globalThis as unknown as BrowserGlobals).document.querySelector('.result-window .CodeMirror') as CodeMirrorHost | null;
      const value = el?.CodeMirror.getValue() ?? '';
      return value.trim().startsWith('{') && value !== prev;
    },
    { timeout: 20_000 },
    previous,
  );
  return editorValue(page, '.result-window');
}

async function run(input: BrowserInput): Promise<BrowserReport> {
  const browser: Browser = await puppeteer.launch({ executablePath: input.executablePath, headless: true, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const report: BrowserReport = {
      requests: [], cspViolations: [], pageErrors: [],
      initial: { headers: '', query: '', headersVisible: false }, defaultResult: '', queryResult: '', docs: '',
    };
    page.on('request', (req) => {
      let operationName: string | undefined;
      try {
        operationName = (JSON.parse(req.postData() ?? 'null') as { operationName?: string } | null)?.operationName ?? undefined;
      } catch {
        // not a GraphQL request
      }
      report.requests.push({ url: req.url(), method: req.method(), authorization: req.headers().authorization, operationName });
    });
    page.on('pageerror', (err) => report.pageErrors.push(String(err)));
    await page.exposeFunction('__reportCsp', (v: string) => report.cspViolations.push(v));
    await page.evaluateOnNewDocument(() => {
      const g = globalThis as unknown as BrowserGlobals;
      g.document.addEventListener('securitypolicyviolation', (e) => {
        g.__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });

    await page.goto(`${input.url}/graphql`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    await page.waitForSelector('.graphiql-editor-tool .CodeMirror');
    // The headers editor is the one of the two tool editors that is not hidden.
    const headersSelector = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
    report.initial = {
      headers: await editorValue(page, headersSelector),
      query: await editorValue(page, '.graphiql-query-editor'),
      headersVisible: await page.$eval('.graphiql-editor-tool .graphiql-editor:not(.hidden)', (el) => (el as unknown as { offsetHeight: number }).offsetHeight > 0),
    };

    // Type the token where a person would: after "Bearer ", inside the quotes.
    await page.$eval(headersSelector + ' .CodeMirror', (el) => {
      const cm = (el as unknown as CodeMirrorHost).CodeMirror;
      cm.focus();
      cm.setCursor(cm.posFromIndex(cm.getValue().indexOf('Bearer ') + 'Bearer '.length));
    });
    await page.keyboard.type(input.token);
    // Back to the top: the long line scrolls back to its start (for the screenshot).
    await page.keyboard.down('Control');
    await page.keyboard.press('Home');
    await page.keyboard.up('Control');

    const before = await editorValue(page, '.result-window');
    await page.click('.graphiql-execute-button');
    report.defaultResult = await waitForResult(page, before);
    if (input.screenshot) await page.screenshot({ path: input.screenshot as `${string}.png` });

    // A query of our own, written into the query editor.
    await page.$eval('.graphiql-query-editor .CodeMirror', (el, q) => {
      (el as unknown as CodeMirrorHost).CodeMirror.setValue(q as string);
    }, input.query);
    await page.click('.graphiql-execute-button');
    report.queryResult = await waitForResult(page, report.defaultResult);

    await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer-root-type', { timeout: 10_000 }).catch(() => undefined);
    report.docs = await page.$eval('.graphiql-doc-explorer', (el) => (el as unknown as { textContent: string }).textContent);

    // GraphiQL's dialogs inject <style> elements (scroll locking): the CSP must allow them.
    await page.click('button[aria-label="Open settings dialog"]');
    await page.waitForSelector('.graphiql-dialog');
    await page.keyboard.press('Escape');
    return report;
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  run(JSON.parse(process.env.PLAYGROUND_BROWSER_INPUT ?? '{}') as BrowserInput).then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
