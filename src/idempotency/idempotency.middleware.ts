import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { getOperationAST, parse, type ParseOptions } from 'graphql';
import type { Principal } from '../auth/roles';
import type { Logger } from '../logger';
import type { IdempotencyStore } from './idempotency.store';

/** 1–200 printable ASCII characters (a UUID is the usual choice). */
const KEY_RE = /^[\x20-\x7e]{1,200}$/;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  log: Logger;
  parseOptions: ParseOptions;
  /** The query text registered under an APQ hash, for requests that send only the hash. */
  persistedQuery: (sha256Hash: string) => string | undefined;
  /** Called for responses this middleware sends itself (refusals), with their error code. */
  onError: (code: string) => void;
}

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * `Idempotency-Key` on POST /graphql mutations: the first request with a key runs and its response is
 * kept (per token subject, IDEMPOTENCY_TTL_HOURS); a retry with the same key and request (query, operation
 * name, variables) gets that response again (`Idempotent-Replayed: true`) and runs nothing; the same key with
 * another request is refused (422 IDEMPOTENCY_KEY_REUSED), and so is a retry while the first is still running
 * (409 IDEMPOTENCY_KEY_IN_PROGRESS).
 * A response is kept only once execution started (it has `data`) and the server did not fail (not 5xx):
 * otherwise the key is released and a retry runs afresh. Queries with a key simply run.
 * Mounted after authentication (res.locals.principal) and body parsing, before Apollo.
 */
export function idempotency(opts: IdempotencyOptions): RequestHandler {
  const { store, log } = opts;
  return async (req: Request, res: Response, next: NextFunction) => {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return next();
    const principal = res.locals.principal as Principal | null | undefined;
    // Without a valid token Apollo answers UNAUTHENTICATED; nothing runs, nothing to keep.
    if (!principal || principal.anonymous) return next();
    const key = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!KEY_RE.test(key)) {
      return refuse(res, opts, 400, 'BAD_REQUEST', 'Idempotency-Key must be 1 to 200 printable ASCII characters (a UUID, for example)');
    }
    if (req.method !== 'POST') return next();
    const body = (req.body ?? {}) as GraphQLBody;
    const operation = classify(body, opts);
    if (operation.type === 'other') return next();
    // Replays and refusals are labelled with the operation in the metrics.
    if (operation.name) res.locals.operation = operation.name;

    store.purgeExpired((err) => log.warn({ err }, 'purging expired idempotency keys failed'));
    const subject = principal.subject;
    const requestHash = hashRequest(body);
    let claim;
    try {
      claim = await store.claim(subject, key, requestHash);
    } catch (err) {
      return next(err);
    }

    if (!claim.claimed) {
      const { existing } = claim;
      if (existing.requestHash !== requestHash) {
        return refuse(res, opts, 422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body: use a new key for a new request');
      }
      if (existing.statusCode === null || existing.responseBody === null) {
        res.setHeader('Retry-After', '1');
        return refuse(res, opts, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still running: retry when it has finished');
      }
      res.status(existing.statusCode);
      res.setHeader('Idempotent-Replayed', 'true');
      res.type('application/json');
      res.send(existing.responseBody);
      return;
    }

    const { fence } = claim;
    captureResponse(res, async (statusCode, responseBody) => {
      try {
        if (statusCode < 500 && executed(responseBody)) await store.complete(subject, key, fence, statusCode, responseBody);
        else await store.release(subject, key, fence);
      } catch (err) {
        // The response still goes out; a retry then sees IN_PROGRESS until the key expires.
        log.error({ err, requestId: res.locals.requestId }, 'storing the idempotent response failed');
      }
    });
    next();
  };
}

type Operation = { type: 'mutation' | 'other'; name?: string };

/** Whether the request runs a mutation. A hash the APQ cache does not know is treated as one (the response tells). */
function classify(body: GraphQLBody, opts: IdempotencyOptions): Operation {
  const hash = body.extensions?.persistedQuery?.sha256Hash;
  const query = typeof body.query === 'string' ? body.query : typeof hash === 'string' ? opts.persistedQuery(hash) : undefined;
  if (query === undefined) return typeof hash === 'string' ? { type: 'mutation' } : { type: 'other' };
  let op;
  try {
    op = getOperationAST(parse(query, opts.parseOptions), typeof body.operationName === 'string' ? body.operationName : undefined);
  } catch {
    return { type: 'other' }; // Apollo answers the same parse error; nothing runs.
  }
  if (op?.operation !== 'mutation') return { type: 'other' };
  return { type: 'mutation', name: op.name?.value ?? 'anonymous' };
}

/**
 * What makes two requests the same: the query (by its SHA-256, which is also its persisted-query hash, so a
 * retry that sends only the hash of the same query matches), the operation name and the variables.
 */
function hashRequest(body: GraphQLBody): string {
  const persisted = body.extensions?.persistedQuery?.sha256Hash;
  const queryHash = typeof body.query === 'string' ? sha256(body.query) : typeof persisted === 'string' ? persisted.toLowerCase() : null;
  return sha256(canonicalJson({ queryHash, operationName: body.operationName ?? null, variables: body.variables ?? {} }));
}

/** A response with `data` means execution started (a mutation may have written); one without is a request error. */
function executed(responseBody: string): boolean {
  try {
    const parsed = JSON.parse(responseBody) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'data' in parsed;
  } catch {
    return false;
  }
}

type WriteFn = (chunk: unknown, ...rest: unknown[]) => boolean;
type EndFn = (...args: unknown[]) => Response;

/**
 * Collects what is written to `res` and runs `onDone` before the last byte leaves, so that a client
 * who gets the response and retries at once already finds it stored.
 */
function captureResponse(res: Response, onDone: (statusCode: number, body: string) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = res.write.bind(res) as WriteFn;
  const end = res.end.bind(res) as EndFn;
  (res as unknown as { write: WriteFn }).write = (chunk, ...rest) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  };
  let ending = false;
  (res as unknown as { end: EndFn }).end = (...args) => {
    if (ending) return end(...args);
    ending = true;
    collect(args[0], args[1]);
    void onDone(res.statusCode, Buffer.concat(chunks).toString('utf8')).finally(() => end(...args));
    return res;
  };
}

function refuse(res: Response, opts: IdempotencyOptions, status: number, code: string, message: string): void {
  opts.onError(code);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** JSON with object keys sorted, so that the same request hashes the same whatever the key order. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
