import { toGlobalId } from '../../common/global-id';
import { lockForUpdate } from '../../common/persistence';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, requireKey, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import type { Tx } from '../../database/db';
import { AssetKind, AssetStatus, KIND_TYPENAME } from '../assets/asset.enums';
import type { AssetRow } from '../assets/asset.types';
import { assertNotDisposed } from '../assets/lifecycle';
import { applyStatusChange, lockAsset } from '../custody/custody.service';
import { MaintenanceRecordEntity, MaintenanceStatus } from './maintenance-record.entity';
import type { CancelMaintenanceInput, CompleteMaintenanceInput, RecordMaintenanceInput, StartMaintenanceInput } from './maintenance.inputs';
import type { MaintenanceRecordRow } from './maintenance.types';

export const MAINTENANCE_COLUMNS = selectList(MaintenanceRecordEntity, 'm', 'MaintenanceRecord');

/** How far in the future a completion time may lie, for clock skew between client and server. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ID_FIELD = ['input', 'maintenanceId'];

export interface MaintenanceResult {
  maintenanceRecord: MaintenanceRecordRow;
  asset: AssetRow;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Puts a locked asset into maintenance for a record that starts now, and says
 * which status it returns to afterwards. An asset already IN_MAINTENANCE for
 * other work stays there and returns where that work will return it.
 */
async function enterMaintenance(tx: Tx, ctx: Context, asset: AssetRow, field: string[]): Promise<{ asset: AssetRow; returnStatus: string | null }> {
  if (asset.status === AssetStatus.IN_MAINTENANCE) {
    const [other] = await tx.query<{ returnStatus: string | null }>(
      `SELECT return_status AS "returnStatus" FROM maintenance_record WHERE asset_id = $1 AND status = 'IN_PROGRESS' ORDER BY started_at DESC LIMIT 1`,
      [asset.id],
    );
    // Put into maintenance by hand (changeAssetStatus): whoever did that takes it out again.
    return { asset, returnStatus: other?.returnStatus ?? null };
  }
  const moved = await applyStatusChange(tx, ctx, asset, AssetStatus.IN_MAINTENANCE, { field });
  return { asset: moved.asset, returnStatus: asset.status };
}

/**
 * Ends a record's hold on its asset: when the record was IN_PROGRESS, the asset
 * is still IN_MAINTENANCE and no other work on it is in progress, the asset goes
 * back to the status it had when the work started.
 */
async function leaveMaintenance(tx: Tx, ctx: Context, asset: AssetRow, record: MaintenanceRecordRow, field: string[]): Promise<AssetRow> {
  if (record.status !== MaintenanceStatus.IN_PROGRESS || asset.status !== AssetStatus.IN_MAINTENANCE || !record.returnStatus) return asset;
  const [others] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM maintenance_record WHERE asset_id = $1 AND status = 'IN_PROGRESS' AND id <> $2`,
    [asset.id, record.id],
  );
  if (others.n > 0) return asset;
  return (await applyStatusChange(tx, ctx, asset, record.returnStatus as AssetStatus, { field })).asset;
}

/**
 * Locks a record and its asset, asset first (the order every use case that
 * touches both takes, so that they cannot deadlock), with the record's state
 * read after both locks are held.
 */
async function lockRecord(tx: Tx, maintenanceId: string, expectedVersion: number | null | undefined): Promise<{ asset: AssetRow; record: MaintenanceRecordRow }> {
  const key = requireKey(maintenanceId, ['MaintenanceRecord'], ID_FIELD);
  const [ref] = await tx.query<{ assetId: string; kind: AssetKind }>(
    'SELECT m.asset_id AS "assetId", a.kind FROM maintenance_record m JOIN asset a ON a.id = m.asset_id WHERE m.id = $1',
    [key],
  );
  if (!ref) fail(ID_FIELD, UserErrorCode.NOT_FOUND, 'No maintenance record with this ID');
  const asset = await lockAsset(tx, toGlobalId(KIND_TYPENAME[ref.kind], ref.assetId), null, ID_FIELD);
  assertNotDisposed(asset.status, ID_FIELD);
  const record = await lockForUpdate<MaintenanceRecordRow>(
    tx, `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_record m WHERE m.id = $1 FOR UPDATE`, key, expectedVersion, 'maintenance record',
  );
  return { asset, record };
}

async function saveRecord(tx: Tx, id: string, changes: Record<string, unknown>): Promise<MaintenanceRecordRow> {
  const names = Object.keys(changes);
  const [row] = await tx.query<MaintenanceRecordRow>(
    `UPDATE maintenance_record AS m SET ${names.map((n, i) => `${n} = $${i + 2}`).concat('version = m.version + 1', 'updated_at = now()').join(', ')}
      WHERE m.id = $1 RETURNING ${MAINTENANCE_COLUMNS}`,
    [id, ...names.map((n) => changes[n])],
  );
  return row;
}

export async function recordMaintenance(ctx: Context, input: RecordMaintenanceInput): Promise<MaintenanceResult> {
  await assertValid(input);
  const startNow = input.startNow ?? (input.scheduledOn == null || input.scheduledOn <= today());
  if (!startNow && input.scheduledOn == null) fail(['input', 'scheduledOn'], UserErrorCode.REQUIRED, 'Maintenance that does not start now needs a scheduledOn date');
  return ctx.db.transaction(async (tx) => {
    const [vendorId] = await resolveRefs(tx, [{ id: input.vendorId, types: ['Vendor'], table: 'vendor', field: ['input', 'vendorId'] }]);
    let asset = await lockAsset(tx, input.assetId, null);
    assertNotDisposed(asset.status, ['input', 'assetId']);
    let returnStatus: string | null = null;
    if (startNow) ({ asset, returnStatus } = await enterMaintenance(tx, ctx, asset, ['input', 'assetId']));
    const [record] = await tx.query<MaintenanceRecordRow>(
      `INSERT INTO maintenance_record AS m (asset_id, type, status, scheduled_on, started_at, cost, cost_currency, vendor_id, covered_by_warranty, description, return_status)
       VALUES ($1, $2, $3, $4, ${startNow ? 'now()' : 'NULL'}, $5, $6, $7, $8, $9, $10) RETURNING ${MAINTENANCE_COLUMNS}`,
      [asset.id, input.type, startNow ? MaintenanceStatus.IN_PROGRESS : MaintenanceStatus.SCHEDULED, input.scheduledOn ?? null,
        input.cost?.amount ?? null, input.cost?.currency ?? null, vendorId, input.coveredByWarranty ?? false, input.description?.trim() || null, returnStatus],
    );
    return { maintenanceRecord: record, asset };
  });
}

export async function startMaintenance(ctx: Context, input: StartMaintenanceInput): Promise<MaintenanceResult> {
  return ctx.db.transaction(async (tx) => {
    const locked = await lockRecord(tx, input.maintenanceId, input.expectedVersion);
    if (locked.record.status !== MaintenanceStatus.SCHEDULED) {
      fail(ID_FIELD, UserErrorCode.INVALID_TRANSITION, `Only SCHEDULED maintenance can be started; this one is ${locked.record.status}`);
    }
    const { asset, returnStatus } = await enterMaintenance(tx, ctx, locked.asset, ID_FIELD);
    const record = await saveRecord(tx, locked.record.id, { status: MaintenanceStatus.IN_PROGRESS, started_at: new Date(), return_status: returnStatus });
    return { maintenanceRecord: record, asset };
  });
}

export async function completeMaintenance(ctx: Context, input: CompleteMaintenanceInput): Promise<MaintenanceResult> {
  await assertValid(input);
  const completedAt = input.completedAt ?? new Date();
  if (completedAt.getTime() > Date.now() + CLOCK_SKEW_MS) fail(['input', 'completedAt'], UserErrorCode.INVALID, 'completedAt cannot be in the future');
  if (input.cost === null) fail(['input', 'cost'], UserErrorCode.INVALID, 'cost cannot be cleared on completion; omit it to keep the recorded one');
  return ctx.db.transaction(async (tx) => {
    const locked = await lockRecord(tx, input.maintenanceId, input.expectedVersion);
    const { record } = locked;
    if (record.status === MaintenanceStatus.COMPLETED || record.status === MaintenanceStatus.CANCELLED) {
      fail(ID_FIELD, UserErrorCode.INVALID_TRANSITION, `The maintenance is already ${record.status}`);
    }
    if (record.startedAt && completedAt < record.startedAt) fail(['input', 'completedAt'], UserErrorCode.INVALID, 'completedAt cannot be before the work started');
    const asset = await leaveMaintenance(tx, ctx, locked.asset, record, ID_FIELD);
    const changes: Record<string, unknown> = { status: MaintenanceStatus.COMPLETED, completed_at: completedAt };
    if (input.cost) Object.assign(changes, { cost: input.cost.amount, cost_currency: input.cost.currency });
    if (input.description !== undefined) changes.description = input.description?.trim() || null;
    return { maintenanceRecord: await saveRecord(tx, record.id, changes), asset };
  });
}

export async function cancelMaintenance(ctx: Context, input: CancelMaintenanceInput): Promise<MaintenanceResult> {
  return ctx.db.transaction(async (tx) => {
    const locked = await lockRecord(tx, input.maintenanceId, input.expectedVersion);
    const { record } = locked;
    if (record.status === MaintenanceStatus.COMPLETED || record.status === MaintenanceStatus.CANCELLED) {
      fail(ID_FIELD, UserErrorCode.INVALID_TRANSITION, `The maintenance is already ${record.status}`);
    }
    const asset = await leaveMaintenance(tx, ctx, locked.asset, record, ID_FIELD);
    return { maintenanceRecord: await saveRecord(tx, record.id, { status: MaintenanceStatus.CANCELLED }), asset };
  });
}

