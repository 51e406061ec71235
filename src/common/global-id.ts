const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque global ID of an object: base64url of `Type:key`. */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: string;
  key: string;
}

/** Decodes a global ID; null for anything that is not one of ours (garbage never throws). */
export function fromGlobalId(id: unknown): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+={0,2}$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  if (sep <= 0) return null;
  const type = text.slice(0, sep);
  const key = text.slice(sep + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(type) || !UUID_RE.test(key)) return null;
  return { type, key: key.toLowerCase() };
}

/** The key of a global ID when it names one of `types`, else null. */
export function keyOf(id: unknown, types: readonly string[]): string | null {
  const decoded = fromGlobalId(id);
  return decoded && types.includes(decoded.type) ? decoded.key : null;
}
