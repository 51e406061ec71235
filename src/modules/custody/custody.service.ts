import { pageRequest, type ConnectionArgs, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { fromGlobalId } from '../../common/global-id';
import { lockForUpdate } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertStorableText, requireKey, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import type { Queryable, Tx } from '../../database/db';
import { AssetStatus, KIND_TYPENAME, type AssetKind } from '../assets/asset.enums';
import { ASSET_COLUMNS, assetPage } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { assertNotDisposed, assertTransition } from '../assets/lifecycle';
import { releaseSeatsOfAsset } from '../licenses/seat-release';
import { chainHash, verifyChain, type ChainVerification } from './custody.chain';
import { CustodianType, CustodyEventType } from './custody.enums';
import { CustodyEventEntity } from './custody-event.entity';

export const CUSTODY_EVENT_COLUMNS = selectList(CustodyEventEntity, 'e', 'CustodyEvent');
const ASSET_TYPES = Object.values(KIND_TYPENAME);

export type CustodyEventRow = CustodyEventEntity & { __typename: 'CustodyEvent' };

export interface Party {
  type: CustodianType;
  id: string;
}

const TABLE_OF: Record<CustodianType, string> = { PERSON: 'person', DEPARTMENT: 'department', LOCATION: 'location', VENDOR: 'vendor' };

/** Input naming exactly one holder: `{ personId | departmentId | locationId | vendorId }`. */
export interface CustodianRef {
  personId?: string | null;
  departmentId?: string | null;
  locationId?: string | null;
  vendorId?: string | null;
}

/** Resolves a holder reference: exactly one must be given, and it must exist. */
export async function resolveCustodian(db: Queryable, ref: CustodianRef | null | undefined, field: string[]): Promise<Party> {
  const given = (
    [
      ['personId', CustodianType.PERSON, 'Person'],
      ['departmentId', CustodianType.DEPARTMENT, 'Department'],
      ['locationId', CustodianType.LOCATION, 'Location'],
      ['vendorId', CustodianType.VENDOR, 'Vendor'],
    ] as const
  ).filter(([k]) => ref?.[k] != null);
  if (given.length !== 1) {
    fail(field, given.length === 0 ? UserErrorCode.REQUIRED : UserErrorCode.INVALID, 'Name exactly one holder: personId, departmentId, locationId or vendorId');
  }
  const [k, type, typename] = given[0];
  const [key] = await resolveRefs(db, [{ id: ref![k], types: [typename], table: TABLE_OF[type], field: [...field, k] }]);
  return { type, id: key! };
}

/** Locks an asset row for the rest of the transaction (NOT_FOUND, CONFLICT on a stale version). */
export async function lockAsset(tx: Tx, assetId: string, expectedVersion: number | null | undefined, field: string[] = ['input', 'assetId']): Promise<AssetRow> {
  const key = requireKey(assetId, ASSET_TYPES, field);
  const row = await lockForUpdate<AssetRow>(tx, `SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.id = $1 FOR UPDATE`, key, expectedVersion, 'asset', field);
  // The type in the ID must be the asset's own kind: a Hardware ID with a certificate's key names no asset.
  if (KIND_TYPENAME[row.kind] !== fromGlobalId(assetId)!.type) fail(field, UserErrorCode.NOT_FOUND, `No ${fromGlobalId(assetId)!.type} with this ID`);
  return row;
}

export interface NewEvent {
  type: CustodyEventType;
  from: Party | null;
  to: Party | null;
  /** Holder after the event; null: in stock. */
  holder: Party | null;
  expectedReturnOn?: string | null;
  note?: string | null;
}

/**
 * Appends the next event of a locked asset's chain: sequence = last + 1, hash
 * over the previous hash and the event's canonical content. The caller updates
 * the asset row (including `custody_sequence`) in the same transaction.
 */
export async function appendCustodyEvent(tx: Tx, ctx: Context, asset: AssetRow, ev: NewEvent): Promise<CustodyEventRow> {
  const sequence = asset.custodySequence + 1;
  const previousHash =
    asset.custodySequence > 0
      ? (await tx.query<{ hash: string }>('SELECT hash FROM custody_event WHERE asset_id = $1 AND sequence = $2', [asset.id, asset.custodySequence]))[0]?.hash ?? null
      : null;
  const content = {
    assetId: asset.id,
    sequence,
    type: ev.type,
    fromType: ev.from?.type ?? null,
    fromId: ev.from?.id ?? null,
    toType: ev.to?.type ?? null,
    toId: ev.to?.id ?? null,
    holderType: ev.holder?.type ?? null,
    holderId: ev.holder?.id ?? null,
    // Millisecond precision, so the stored instant hashes the same when read back.
    occurredAt: new Date(Math.floor(Date.now())),
    expectedReturnOn: ev.expectedReturnOn ?? null,
    note: ev.note?.trim() || null,
    actor: ctx.principal.subject,
  };
  const hash = chainHash(previousHash, content);
  const [row] = await tx.query<CustodyEventRow>(
    `INSERT INTO custody_event AS e (asset_id, sequence, type, from_type, from_id, to_type, to_id, holder_type, holder_id, occurred_at,
       expected_return_on, note, actor, hash, previous_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${CUSTODY_EVENT_COLUMNS}`,
    [content.assetId, sequence, content.type, content.fromType, content.fromId, content.toType, content.toId, content.holderType, content.holderId,
      content.occurredAt, content.expectedReturnOn, content.note, content.actor, hash, previousHash],
  );
  asset.custodySequence = sequence;
  return row;
}

/** Writes the asset columns a use case changed, bumping version and updated_at; returns the new row. */
export async function saveAsset(tx: Tx, asset: AssetRow, changes: Record<string, unknown>): Promise<AssetRow> {
  const cols: Record<string, unknown> = { ...changes, custody_sequence: asset.custodySequence };
  const names = Object.keys(cols);
  const [row] = await tx.query<AssetRow>(
    `UPDATE asset AS a SET ${names.map((n, i) => `${n} = $${i + 2}`).concat('version = a.version + 1', 'updated_at = now()').join(', ')}
      WHERE a.id = $1 RETURNING ${ASSET_COLUMNS}`,
    [asset.id, ...names.map((n) => cols[n])],
  );
  return row;
}

const custodianOf = (a: AssetRow): Party | null => (a.custodianType && a.custodianId ? { type: a.custodianType as CustodianType, id: a.custodianId } : null);
const locationOf = (a: AssetRow): Party | null => (a.locationId ? { type: CustodianType.LOCATION, id: a.locationId } : null);
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The one gate for status moves that are not custody hand-overs (maintenance,
 * loss, retirement, found): the lifecycle check, and the custody events the
 * move implies. Returns the asset columns to write; every path that changes
 * status without a hand-over goes through it (plain updates merge the columns
 * into their own UPDATE, the others call applyStatusChange).
 */
export async function planStatusChange(
  tx: Tx, ctx: Context, asset: AssetRow, to: AssetStatus, opts: { note?: string | null; field?: string[] } = {},
): Promise<{ changes: Record<string, unknown>; custodyEvent: CustodyEventRow | null }> {
  const field = opts.field ?? ['input', 'status'];
  assertTransition(asset.status, to, field);
  if (to === AssetStatus.IN_USE && asset.status === AssetStatus.IN_STOCK) {
    fail(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${asset.status} to ${to} is a check-out: use checkOutAsset`);
  }
  if (to === AssetStatus.IN_USE && !asset.custodianType) {
    fail(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${asset.status} to ${to} needs a custodian: check the asset in, then out`);
  }
  if (to === AssetStatus.IN_STOCK && asset.status === AssetStatus.IN_USE) {
    fail(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${asset.status} to ${to} is a check-in: use checkInAsset`);
  }
  if (to === AssetStatus.DISPOSED) fail(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${asset.status} to ${to} needs a disposal record: use disposeAsset`);
  const changes: Record<string, unknown> = { status: to };
  let custodyEvent: CustodyEventRow | null = null;
  const holder = custodianOf(asset);
  if (to === AssetStatus.LOST) {
    custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.REPORTED_LOST, from: holder ?? locationOf(asset), to: null, holder, note: opts.note });
  } else if (asset.status === AssetStatus.LOST && to === AssetStatus.IN_STOCK) {
    custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.FOUND, from: null, to: locationOf(asset), holder: null, note: opts.note });
  } else if ((to === AssetStatus.IN_STOCK || to === AssetStatus.RETIRED) && holder) {
    // Back to stock (or out of service) from a holder: the hand-back is recorded.
    custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.CHECK_IN, from: holder, to: locationOf(asset), holder: null, note: opts.note });
  }
  // A retired device gives back its seats; a retired licence grants none.
  if (to === AssetStatus.RETIRED) await releaseSeatsOfAsset(tx, ctx, asset.id, 'retired');
  if (to === AssetStatus.IN_STOCK || to === AssetStatus.RETIRED || to === AssetStatus.LOST) {
    if (to !== AssetStatus.LOST) Object.assign(changes, { custodian_type: null, custodian_id: null });
    Object.assign(changes, { checked_out_at: null, expected_return_on: null });
  }
  changes.custody_sequence = asset.custodySequence;
  return { changes, custodyEvent };
}

/** planStatusChange, then the asset row written. */
export async function applyStatusChange(
  tx: Tx, ctx: Context, asset: AssetRow, to: AssetStatus, opts: { note?: string | null; field?: string[] } = {},
): Promise<{ asset: AssetRow; custodyEvent: CustodyEventRow | null }> {
  const { changes, custodyEvent } = await planStatusChange(tx, ctx, asset, to, opts);
  return { asset: await saveAsset(tx, asset, changes), custodyEvent };
}

export async function checkOutAsset(
  ctx: Context,
  input: { assetId: string; to: CustodianRef; expectedReturnOn?: string | null; note?: string | null; expectedVersion?: number | null },
): Promise<{ asset: AssetRow; custodyEvent: CustodyEventRow }> {
  assertHandOver(input);
  return ctx.db.transaction(async (tx) => {
    const to = await resolveCustodian(tx, input.to, ['input', 'to']);
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion);
    if (asset.status !== AssetStatus.IN_STOCK) {
      fail(['input', 'assetId'], UserErrorCode.NOT_AVAILABLE, `Only an IN_STOCK asset can be checked out; this one is ${asset.status}`);
    }
    assertTransition(asset.status, AssetStatus.IN_USE, ['input', 'assetId']);
    const custodyEvent = await appendCustodyEvent(tx, ctx, asset, {
      type: CustodyEventType.CHECK_OUT, from: locationOf(asset), to, holder: to, expectedReturnOn: input.expectedReturnOn, note: input.note,
    });
    const saved = await saveAsset(tx, asset, {
      status: AssetStatus.IN_USE, custodian_type: to.type, custodian_id: to.id, checked_out_at: custodyEvent.occurredAt, expected_return_on: input.expectedReturnOn ?? null,
    });
    return { asset: saved, custodyEvent };
  });
}

export async function checkInAsset(
  ctx: Context,
  input: { assetId: string; locationId: string; note?: string | null; expectedVersion?: number | null },
): Promise<{ asset: AssetRow; custodyEvent: CustodyEventRow }> {
  assertHandOver(input);
  return ctx.db.transaction(async (tx) => {
    const [locationId] = await resolveRefs(tx, [{ id: input.locationId, types: ['Location'], table: 'location', field: ['input', 'locationId'] }]);
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion);
    if (asset.status !== AssetStatus.IN_USE) {
      fail(['input', 'assetId'], UserErrorCode.NOT_AVAILABLE, `Only an IN_USE asset can be checked in; this one is ${asset.status}`);
    }
    assertTransition(asset.status, AssetStatus.IN_STOCK, ['input', 'assetId']);
    const location: Party = { type: CustodianType.LOCATION, id: locationId! };
    const custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.CHECK_IN, from: custodianOf(asset), to: location, holder: null, note: input.note });
    const saved = await saveAsset(tx, asset, {
      status: AssetStatus.IN_STOCK, custodian_type: null, custodian_id: null, checked_out_at: null, expected_return_on: null, location_id: locationId,
    });
    return { asset: saved, custodyEvent };
  });
}

export async function transferAsset(
  ctx: Context,
  input: { assetId: string; to: CustodianRef; note?: string | null; expectedReturnOn?: string | null; expectedVersion?: number | null },
): Promise<{ asset: AssetRow; custodyEvent: CustodyEventRow }> {
  assertHandOver(input);
  return ctx.db.transaction(async (tx) => {
    const to = await resolveCustodian(tx, input.to, ['input', 'to']);
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion);
    if (asset.status !== AssetStatus.IN_USE) {
      fail(['input', 'assetId'], UserErrorCode.NOT_AVAILABLE, `Only an IN_USE asset can be transferred between holders; this one is ${asset.status}`);
    }
    const from = custodianOf(asset);
    if (from && from.type === to.type && from.id === to.id) fail(['input', 'to'], UserErrorCode.INVALID, 'The asset is already held by this custodian');
    const expectedReturnOn = input.expectedReturnOn !== undefined ? input.expectedReturnOn : asset.expectedReturnOn;
    const custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.TRANSFER, from, to, holder: to, expectedReturnOn, note: input.note });
    const saved = await saveAsset(tx, asset, { custodian_type: to.type, custodian_id: to.id, checked_out_at: custodyEvent.occurredAt, expected_return_on: expectedReturnOn ?? null });
    return { asset: saved, custodyEvent };
  });
}

export async function changeAssetStatus(
  ctx: Context,
  input: { assetId: string; status: AssetStatus; reason: string; expectedVersion?: number | null },
): Promise<{ asset: AssetRow; custodyEvent: CustodyEventRow | null }> {
  if (typeof input.reason !== 'string' || input.reason.trim() === '') fail(['input', 'reason'], UserErrorCode.REQUIRED, 'Give a reason for the status change');
  if (input.reason.length > 1000) fail(['input', 'reason'], UserErrorCode.INVALID, 'reason may be at most 1,000 characters');
  assertStorableText(input.reason, ['input', 'reason']);
  return ctx.db.transaction(async (tx) => {
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion);
    assertNotDisposed(asset.status, ['input', 'status']);
    if (asset.status === input.status) fail(['input', 'status'], UserErrorCode.INVALID_TRANSITION, `The asset is already ${asset.status}`);
    return applyStatusChange(tx, ctx, asset, input.status, { note: input.reason });
  });
}

/** Checks shared by every hand-over: a return date not in the past, a bounded note. */
function assertHandOver(input: { expectedReturnOn?: string | null; note?: string | null }): void {
  if (input.expectedReturnOn != null && input.expectedReturnOn < today()) {
    fail(['input', 'expectedReturnOn'], UserErrorCode.INVALID, 'expectedReturnOn cannot be in the past');
  }
  if (input.note != null && input.note.length > 2000) fail(['input', 'note'], UserErrorCode.INVALID, 'note may be at most 2,000 characters');
  assertStorableText(input.note, ['input', 'note']);
}

export async function verifyCustodyChain(ctx: Context, assetId: string): Promise<ChainVerification | null> {
  const d = fromGlobalId(assetId);
  if (!d || !ASSET_TYPES.includes(d.type)) return null;
  const [asset] = await ctx.db.query<{ n: number; kind: AssetKind }>('SELECT custody_sequence AS n, kind FROM asset WHERE id = $1', [d.key]);
  // Like asset(id): a Hardware ID with a certificate's key names no asset.
  if (!asset || KIND_TYPENAME[asset.kind] !== d.type) return null;
  const events = await ctx.db.query<CustodyEventRow>(`SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event e WHERE e.asset_id = $1 ORDER BY e.sequence`, [d.key]);
  return verifyChain(events, asset.n);
}

const OVERDUE_ORDER: KeysetOrder = { name: 'overdue', expr: 'a.expected_return_on', cast: 'date', direction: 'ASC' };

/** IN_USE assets whose expected return date has passed, most overdue first. */
export async function listOverdue(ctx: Context, args: ConnectionArgs): Promise<ConnectionResult<AssetRow>> {
  const where = [`a.status = 'IN_USE'`, 'a.expected_return_on IS NOT NULL', 'a.expected_return_on < CURRENT_DATE'];
  return assetPage(ctx, where, [], OVERDUE_ORDER, pageRequest(args, OVERDUE_ORDER.name));
}

