import crypto from 'node:crypto';

/** The fields a custody event's hash covers, in a fixed order. */
export interface ChainedEvent {
  assetId: string;
  sequence: number;
  type: string;
  fromType: string | null;
  fromId: string | null;
  toType: string | null;
  toId: string | null;
  holderType: string | null;
  holderId: string | null;
  occurredAt: Date;
  expectedReturnOn: string | null;
  note: string | null;
  actor: string;
}

/**
 * Text as PostgreSQL stores it: encoding to UTF-8 turns a lone UTF-16 surrogate into U+FFFD. The hash
 * covers that form, so an event written with one hashes the same when read back.
 */
const storedForm = (s: string | null): string | null =>
  s && s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Canonical content: a JSON array in a fixed order, so the same event always hashes the same. */
export function canonicalContent(e: ChainedEvent): string {
  return JSON.stringify([
    e.assetId, e.sequence, e.type, e.fromType, e.fromId, e.toType, e.toId, e.holderType, e.holderId,
    e.occurredAt.toISOString(), e.expectedReturnOn, storedForm(e.note), storedForm(e.actor),
  ]);
}

/** hash = SHA-256(previousHash + "\n" + canonical content), hex. The first event has no previous hash. */
export function chainHash(previousHash: string | null, e: ChainedEvent): string {
  return crypto.createHash('sha256').update(`${previousHash ?? ''}\n${canonicalContent(e)}`).digest('hex');
}

export interface ChainVerification {
  intact: boolean;
  events: number;
  brokenAtSequence: number | null;
}

/** Recomputes a chain in sequence order: gaps, broken links and altered content all break it. */
export function verifyChain(events: (ChainedEvent & { hash: string; previousHash: string | null })[], expectedCount: number): ChainVerification {
  let previous: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.sequence !== i + 1 || e.previousHash !== previous || chainHash(previous, e) !== e.hash) {
      return { intact: false, events: events.length, brokenAtSequence: i + 1 };
    }
    previous = e.hash;
  }
  if (events.length !== expectedCount) {
    return { intact: false, events: events.length, brokenAtSequence: Math.min(events.length, expectedCount) + 1 };
  }
  return { intact: true, events: events.length, brokenAtSequence: null };
}
