/**
 * Custody histories: a walk through the hand-overs an asset went through, ending
 * in the status the asset has now, hashed into the same chain the service builds
 * (chainHash over the canonical content appendCustodyEvent hashes), with the
 * physical audits taken along the way (a sighting somewhere else is corrected by a
 * MOVE event, as recordPhysicalAudit does).
 */
import crypto from 'node:crypto';
import { canonicalContent, chainHash, type ChainedEvent } from '../../modules/custody/custody.chain';
import { ACTORS, CHECKIN_NOTES, CHECKOUT_NOTES, LOST_NOTES, TRANSFER_NOTES } from './catalog';
import type { Rng } from './random';
import { DAY_MS, HOUR_MS, type Party, type World } from './world';

export interface WalkPlan {
  assetId: string;
  /** The status the asset ends in (ORDERED assets have no history and take no walk). */
  finalStatus: string;
  /** Custody can start after this instant (the asset's receipt). */
  startMs: number;
  /** Everything before the asset left service (or before the anchor date) happens before this. */
  endMs: number;
  events: number;
  audits: number;
  /** Loaner pool devices come back after days; others go to a holder for good. */
  loaner: boolean;
  /** Where the walk starts, and where hand-backs and sightings go. */
  home: string | null;
  checkInPool: string[];
  sightingPool: string[];
  pickHolder: (rng: Rng) => Party;
  /** An IN_USE end with an expected return date in the past, whatever the draw (loans may also run late by chance). */
  overdue: boolean;
  /** A team's ownership of something intangible (a VM, a cloud resource, a data set): check-out and transfers only, no stock, no audits. */
  virtualOwnership?: boolean;
  /** DISPOSED through a vendor: the hand-off to it. */
  handoff: { vendorId: string; ms: number; note: string | null } | null;
}

export interface WalkResult {
  location: string | null;
  custodian: Party | null;
  checkedOutAt: number | null;
  expectedReturnOn: string | null;
  sequence: number;
  audits: number;
  lastAuditedMs: number | null;
  lastMs: number;
  /** The holder, when the asset ends with one. */
  holder: Party | null;
}

interface Draft {
  type: string;
  from: Party | null;
  to: Party | null;
  holder: Party | null;
  t: number;
  expected: string | null;
  note: string | null;
  actor: string;
}

const loc = (id: string | null): Party | null => (id ? { type: 'LOCATION', id } : null);
const same = (a: Party | null, b: Party | null) => !!a && !!b && a.type === b.type && a.id === b.id;

/** n sorted, distinct instants (ms) spread over (lo, hi). */
function sortedTimes(rng: Rng, lo: number, hi: number, n: number): Float64Array {
  const span = Math.max(hi - lo, n * 1000);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(lo + rng.next() * span);
  out.sort();
  for (let i = 1; i < n; i++) if (out[i] <= out[i - 1]) out[i] = out[i - 1] + 1;
  return out;
}

export function runCustody(w: World, rng: Rng, plan: WalkPlan): WalkResult {
  const drafts: Draft[] = [];
  const slots = plan.events + plan.audits;
  // Three spare instants after the others, for the events that bring the walk to its final status.
  const times = sortedTimes(rng, plan.startMs, plan.endMs, slots + 3);
  let ti = 0;
  const auditSlots = new Set<number>();
  while (auditSlots.size < Math.min(plan.audits, slots)) auditSlots.add(rng.int(0, slots - 1));

  let status = 'IN_STOCK';
  let location = plan.home;
  let holder: Party | null = null;
  let checkedOutAt: number | null = null;
  let expected: string | null = null;
  let audits = 0;
  let lastAuditedMs: number | null = null;
  let lastMs = plan.startMs;
  const actor = () => rng.pick(ACTORS);
  const emit = (d: Omit<Draft, 't' | 'actor'>, t: number): void => {
    (d as Draft).t = t;
    (d as Draft).actor = actor();
    drafts.push(d as Draft);
    lastMs = t;
  };

  const checkOut = (t: number) => {
    const to = plan.pickHolder(rng);
    expected = plan.loaner ? w.dateOf(t + rng.int(1, 21) * DAY_MS) : !plan.virtualOwnership && rng.chance(0.06) ? w.dateOf(t + rng.int(30, 120) * DAY_MS) : null;
    emit({ type: 'CHECK_OUT', from: loc(location), to, holder: to, expected, note: rng.chance(0.3) ? rng.pick(CHECKOUT_NOTES) : null }, t);
    status = 'IN_USE';
    holder = to;
    checkedOutAt = t;
  };
  const transfer = (t: number) => {
    let to = plan.pickHolder(rng);
    for (let i = 0; i < 3 && same(to, holder); i++) to = plan.pickHolder(rng);
    if (same(to, holder)) return plan.virtualOwnership ? undefined : checkIn(t);
    emit({ type: 'TRANSFER', from: holder, to, holder: to, expected, note: rng.chance(0.3) ? rng.pick(TRANSFER_NOTES) : null }, t);
    holder = to;
    checkedOutAt = t;
  };
  const checkIn = (t: number) => {
    const back = plan.checkInPool.length ? rng.pick(plan.checkInPool) : location;
    emit({ type: 'CHECK_IN', from: holder, to: loc(back), holder: null, expected: null, note: rng.chance(0.3) ? rng.pick(CHECKIN_NOTES) : null }, t);
    status = 'IN_STOCK';
    holder = null;
    location = back;
    checkedOutAt = null;
    expected = null;
  };
  const lose = (t: number) => {
    // The holder stays on record (who had it); the hand-over dates are cleared.
    emit({ type: 'REPORTED_LOST', from: holder ?? loc(location), to: null, holder, expected: null, note: rng.pick(LOST_NOTES) }, t);
    status = 'LOST';
    checkedOutAt = null;
    expected = null;
  };
  const found = (t: number) => {
    emit({ type: 'FOUND', from: null, to: loc(location), holder: null, expected: null, note: rng.chance(0.5) ? 'Found during office clear-out' : null }, t);
    status = 'IN_STOCK';
    holder = null;
  };
  const audit = (t: number) => {
    if (status === 'LOST' || !location) return;
    let seen = location;
    let sequence: number | null = null;
    if (plan.sightingPool.length > 1 && rng.chance(0.04)) {
      for (let i = 0; i < 3 && seen === location; i++) seen = rng.pick(plan.sightingPool);
    }
    if (seen !== location) {
      emit({ type: 'MOVE', from: loc(location), to: loc(seen), holder, expected: null, note: 'Location corrected by physical audit' }, t);
      sequence = drafts.length;
    }
    const at = t + 3;
    w.data.physical_audit.add({
      id: rng.uuid(), asset_id: plan.assetId, audited_at: w.iso(at), found_location_id: seen, expected_location_id: location,
      discrepancy: seen !== location, note: seen !== location ? 'Found in another room' : rng.chance(0.05) ? 'Asset tag label worn: reprinted' : null,
      actor: actor(), custody_sequence: sequence,
    });
    location = seen;
    audits++;
    lastAuditedMs = at;
    lastMs = Math.max(lastMs, at);
  };

  for (let i = 0; i < slots; i++) {
    const t = times[ti++];
    if (auditSlots.has(i)) {
      audit(t);
      continue;
    }
    const u = rng.next();
    if (plan.virtualOwnership) {
      if (status === 'IN_STOCK') checkOut(t);
      else transfer(t);
    } else if (status === 'IN_STOCK') {
      if (u < 0.01) lose(t);
      else checkOut(t);
    } else if (status === 'IN_USE') {
      const keep = plan.loaner ? 0.13 : 0.42;
      if (u < 0.015) lose(t);
      else if (u < 0.015 + keep) transfer(t);
      else checkIn(t);
    } else {
      found(t);
    }
  }

  // Bring the walk to the status the asset has now.
  const f = plan.finalStatus;
  if (f === 'IN_USE') {
    if (status === 'LOST') found(times[ti++]);
    if (status === 'IN_STOCK') checkOut(times[ti++]);
  } else if (f === 'LOST') {
    if (status !== 'LOST') lose(times[ti++]);
  } else {
    // IN_STOCK, IN_MAINTENANCE (entered from stock), RETIRED and DISPOSED (retired from stock): nobody holds it.
    if (status === 'LOST') found(times[ti++]);
    if (status === 'IN_USE') checkIn(times[ti++]);
  }

  // An asset out now: its return date (if any) is in the future, or in the past for an overdue one.
  if (f === 'IN_USE' && (expected !== null || plan.overdue)) {
    // Some loans run late: about a third of loaner devices, a fifth of other loans.
    const overdue = plan.overdue || rng.chance(plan.loaner ? 0.3 : 0.2);
    const outDay = w.dayOffsetOf(checkedOutAt!);
    const newExpected = overdue ? w.day(rng.int(outDay, -1)) : w.day(rng.int(1, 30));
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i];
      if (d.type === 'TRANSFER' || d.type === 'CHECK_OUT') d.expected = newExpected;
      if (d.type === 'CHECK_OUT') break;
    }
    expected = newExpected;
  }

  if (f === 'DISPOSED' && plan.handoff) {
    const vendor: Party = { type: 'VENDOR', id: plan.handoff.vendorId };
    emit({ type: 'DISPOSAL_HANDOFF', from: loc(location), to: vendor, holder: vendor, expected: null, note: plan.handoff.note }, plan.handoff.ms);
    holder = vendor;
  }

  writeChain(w, rng, plan.assetId, drafts);
  const endHolder = f === 'IN_USE' || f === 'LOST' || (f === 'DISPOSED' && plan.handoff) ? holder : null;
  return {
    location,
    custodian: endHolder,
    holder: endHolder,
    checkedOutAt: f === 'IN_USE' ? checkedOutAt : null,
    expectedReturnOn: f === 'IN_USE' ? expected : null,
    sequence: drafts.length,
    audits,
    lastAuditedMs,
    lastMs,
  };
}

/**
 * chainHash, computed with the one-shot crypto.hash where Node has it (three times
 * faster for a million events than a Hash object each). Checked against chainHash on
 * the first event of every run, so the two cannot drift apart unnoticed.
 */
let checked = false;
function fastChainHash(previous: string | null, e: ChainedEvent): string {
  const hash = typeof crypto.hash === 'function'
    ? crypto.hash('sha256', `${previous ?? ''}\n${canonicalContent(e)}`, 'hex')
    : chainHash(previous, e);
  if (!checked) {
    if (hash !== chainHash(previous, e)) throw new Error('the seed\'s custody hash differs from the service\'s chainHash');
    checked = true;
  }
  return hash;
}

/** The events with their hashes, as appendCustodyEvent writes them. */
function writeChain(w: World, rng: Rng, assetId: string, drafts: Draft[]): void {
  const t = w.data.custody_event;
  let previous: string | null = null;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const content: ChainedEvent = {
      assetId,
      sequence: i + 1,
      type: d.type,
      fromType: d.from?.type ?? null,
      fromId: d.from?.id ?? null,
      toType: d.to?.type ?? null,
      toId: d.to?.id ?? null,
      holderType: d.holder?.type ?? null,
      holderId: d.holder?.id ?? null,
      occurredAt: new Date(d.t),
      expectedReturnOn: d.expected,
      note: d.note?.trim() || null,
      actor: d.actor,
    };
    const hash = fastChainHash(previous, content);
    const at = content.occurredAt.toISOString();
    // Column order of TABLES.custody_event.
    t.addValues([
      rng.uuid(), assetId, i + 1, d.type, content.fromType, content.fromId, content.toType, content.toId,
      content.holderType, content.holderId, at, at, d.expected, content.note, d.actor, hash, previous,
    ]);
    previous = hash;
  }
}

/** Instants are kept off the anchor date itself: the whole history is in the past. */
export const lastMoment = (w: World): number => w.t0 - HOUR_MS;
