import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jwt, { type Algorithm, type JwtPayload } from 'jsonwebtoken';
import type { Config } from '../config';
import { Role, type Principal } from './roles';

/** The key material the service verifies tokens with (and, in development, signs them with). */
export interface JwtKeys {
  algorithm: Algorithm;
  /** The current key first, then keys still accepted during a rotation (parsed once: not per request). */
  verifyKeys: crypto.KeyObject[];
  /** Only for HS256: the same secret signs. */
  signKey: string | null;
  /** True when the secret was generated for development and kept in the data directory. */
  generated: boolean;
}

export const DEV_SECRET_FILE = 'jwt-dev-secret';

const secretKey = (secret: string): crypto.KeyObject => crypto.createSecretKey(Buffer.from(secret, 'utf8'));

/**
 * Resolves the key: configured, or (outside production, HS256) a random secret
 * generated once and kept in the data directory so tokens survive restarts.
 */
export function resolveJwtKeys(config: Config): JwtKeys {
  if (config.jwt.publicKey) {
    // Several PEM blocks in JWT_PUBLIC_KEY: every one is accepted (a key rotation at the identity provider).
    const pems = config.jwt.publicKey.match(/-----BEGIN (RSA )?PUBLIC KEY-----[\s\S]+?-----END (RSA )?PUBLIC KEY-----/g) ?? [config.jwt.publicKey];
    return { algorithm: 'RS256', verifyKeys: pems.map((pem) => crypto.createPublicKey(pem)), signKey: null, generated: false };
  }
  if (config.jwt.secret) {
    const previous = config.jwt.previousSecret ? [config.jwt.previousSecret] : [];
    return { algorithm: 'HS256', verifyKeys: [config.jwt.secret, ...previous].map(secretKey), signKey: config.jwt.secret, generated: false };
  }
  if (config.env === 'production') throw new Error('JWT_SECRET or JWT_PUBLIC_KEY is required in production');
  const file = path.join(config.dataDir, DEV_SECRET_FILE);
  let secret: string;
  if (fs.existsSync(file)) {
    secret = fs.readFileSync(file, 'utf8').trim();
  } else {
    fs.mkdirSync(config.dataDir, { recursive: true });
    secret = crypto.randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  }
  return { algorithm: 'HS256', verifyKeys: [secretKey(secret)], signKey: secret, generated: true };
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

const ROLES = new Set<string>(Object.values(Role));

/** Tries the current key, then any previous one; only a bad signature moves on to the next key. */
function verifyWithAny(token: string, keys: JwtKeys, config: Config): string | JwtPayload {
  let lastError: unknown;
  for (const key of keys.verifyKeys) {
    try {
      return jwt.verify(token, key, {
        algorithms: [keys.algorithm],
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        clockTolerance: config.jwt.clockToleranceSec,
      });
    } catch (err) {
      lastError = err;
      if (!/signature/.test((err as Error).message)) throw err;
    }
  }
  throw lastError;
}

/**
 * Verifies `Authorization: Bearer <jwt>` and returns the principal, or throws an
 * AuthError whose message tells the caller what to fix without leaking key details.
 */
export function verifyBearer(header: string | undefined, keys: JwtKeys, config: Config): Principal {
  if (!header) throw new AuthError('Missing Authorization header: send "Authorization: Bearer <token>"');
  const m = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(header);
  if (!m) throw new AuthError('Malformed Authorization header: expected "Bearer <token>"');
  let payload: JwtPayload;
  try {
    const decoded = verifyWithAny(m[1], keys, config);
    if (typeof decoded === 'string') throw new AuthError('Token payload must be a JSON object');
    payload = decoded;
  } catch (err) {
    if (err instanceof AuthError) throw err;
    const e = err as Error;
    if (e.name === 'TokenExpiredError') throw new AuthError('Token expired');
    if (e.name === 'NotBeforeError') throw new AuthError('Token not yet valid');
    if (/audience/.test(e.message)) throw new AuthError('Token audience is not accepted');
    if (/issuer/.test(e.message)) throw new AuthError('Token issuer is not accepted');
    if (/algorithm/.test(e.message)) throw new AuthError(`Token algorithm is not accepted (expected ${keys.algorithm})`);
    if (/signature/.test(e.message)) throw new AuthError('Token signature is invalid');
    throw new AuthError('Token is malformed');
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new AuthError('Token has no `sub` claim');
  // The subject is recorded as the actor of every change (200 characters at most there).
  if (payload.sub.length > 200) throw new AuthError('Token `sub` claim is longer than 200 characters');
  if (typeof payload.exp !== 'number') throw new AuthError('Token has no `exp` claim');
  const rawRoles: unknown = payload.roles;
  if (!Array.isArray(rawRoles) || rawRoles.some((r) => typeof r !== 'string' || !ROLES.has(r))) {
    throw new AuthError(`Token \`roles\` must be an array of ${[...ROLES].join(', ')}`);
  }
  const personId = payload.personId;
  if (personId !== undefined && personId !== null && typeof personId !== 'string') {
    throw new AuthError('Token `personId` must be a string');
  }
  return { subject: payload.sub, roles: rawRoles as Role[], personId: personId ?? null };
}

/** Signs a token (development, tests, `npm run token`). */
export function signToken(
  keys: JwtKeys,
  claims: { sub: string; roles: Role[]; personId?: string },
  opts: { expiresInSec?: number; issuer?: string; audience?: string } = {},
): string {
  if (!keys.signKey) throw new Error('This service verifies RS256 tokens; sign them with the private key, not here');
  return jwt.sign(claims, keys.signKey, {
    algorithm: 'HS256',
    expiresIn: opts.expiresInSec ?? 3600,
    ...(opts.issuer ? { issuer: opts.issuer } : {}),
    ...(opts.audience ? { audience: opts.audience } : {}),
  });
}
