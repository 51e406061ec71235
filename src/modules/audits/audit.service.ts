import { pageRequest, type ConnectionArgs, type ConnectionResult, type KeysetOrder } from '../../common/connection';
import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, resolveRefs } from '../../common/validation';
import type { Config } from '../../config';
import type { Context } from '../../context';
import { AssetKind, AssetStatus, KIND_TYPENAME } from '../assets/asset.enums';
import { assetPage } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { CustodianType, CustodyEventType } from '../custody/custody.enums';
import { appendCustodyEvent, lockAsset, planStatusChange, saveAsset, type CustodyEventRow, type Party } from '../custody/custody.service';
import { PHYSICAL_AUDIT_COLUMNS } from './audit.loaders';
import type { PhysicalAuditRow, RecordPhysicalAuditInput } from './audit.types';

const ASSET_FIELD = ['input', 'assetId'];
const ASSET_TYPES = Object.values(KIND_TYPENAME);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RecordPhysicalAuditResult {
  asset: AssetRow;
  audit: PhysicalAuditRow;
  custodyEvent: CustodyEventRow | null;
}

/**
 * Records that an asset was seen at a location, in one transaction with the
 * asset row locked (so concurrent audits of one asset queue up, and each one
 * compares against the location the previous one left):
 *
 * - a LOST asset is first recorded FOUND (back to IN_STOCK, the lifecycle's only way out of LOST);
 * - when it was found somewhere other than its recorded location (or none was
 *   recorded), the location is corrected with a MOVE custody event whose holder
 *   is unchanged, and the audit keeps the MOVE's sequence;
 * - the audit row is appended and `last_audited_at` set, with one version bump.
 *
 * DISPOSED assets are gone for good (INVALID_TRANSITION); ORDERED ones have not
 * arrived yet (NOT_AVAILABLE).
 */
export async function recordPhysicalAudit(ctx: Context, input: RecordPhysicalAuditInput): Promise<RecordPhysicalAuditResult> {
  await assertValid(input);
  const note = input.note?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    // Both references in one statement, so that a client sees every bad ID at once.
    const [, foundLocationId] = await resolveRefs(tx, [
      { id: input.assetId, types: ASSET_TYPES, table: 'asset', field: ASSET_FIELD },
      { id: input.locationId, types: ['Location'], table: 'location', field: ['input', 'locationId'] },
    ]);
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion, ASSET_FIELD);
    if (asset.status === AssetStatus.DISPOSED) {
      fail(ASSET_FIELD, UserErrorCode.INVALID_TRANSITION, 'The asset is DISPOSED: that is final, it can no longer be audited');
    }
    if (asset.status === AssetStatus.ORDERED) {
      fail(ASSET_FIELD, UserErrorCode.NOT_AVAILABLE, 'The asset is ORDERED and has not been received yet: receive it (status IN_STOCK) before auditing it');
    }
    const expectedLocationId = asset.locationId ?? null;
    const changes: Record<string, unknown> = {};
    let lastEvent: CustodyEventRow | null = null;
    let holder: Party | null = asset.custodianType && asset.custodianId ? { type: asset.custodianType as CustodianType, id: asset.custodianId } : null;

    if (asset.status === AssetStatus.LOST) {
      const found = await planStatusChange(tx, ctx, asset, AssetStatus.IN_STOCK, { note: withNote('Found in physical audit', note), field: ASSET_FIELD });
      Object.assign(changes, found.changes);
      lastEvent = found.custodyEvent;
      // Found means back in stock: nobody holds it any more.
      if ('custodian_type' in found.changes) holder = null;
    }

    let move: CustodyEventRow | null = null;
    const discrepancy = expectedLocationId !== foundLocationId;
    if (discrepancy) {
      move = await appendCustodyEvent(tx, ctx, asset, {
        type: CustodyEventType.MOVE,
        from: expectedLocationId ? { type: CustodianType.LOCATION, id: expectedLocationId } : null,
        to: { type: CustodianType.LOCATION, id: foundLocationId! },
        holder,
        note: withNote('Location corrected by physical audit', note),
      });
      lastEvent = move;
      changes.location_id = foundLocationId;
    }

    // clock_timestamp(), not now(): taken after the row lock, so audits queued on one asset get increasing times;
    // to the millisecond, so that last_audited_at (written from JavaScript) equals it exactly.
    const [audit] = await tx.query<PhysicalAuditRow>(
      `INSERT INTO physical_audit AS p (asset_id, audited_at, found_location_id, expected_location_id, discrepancy, note, actor, custody_sequence)
       VALUES ($1, date_trunc('milliseconds', clock_timestamp()), $2, $3, $4, $5, $6, $7) RETURNING ${PHYSICAL_AUDIT_COLUMNS}`,
      [asset.id, foundLocationId, expectedLocationId, discrepancy, note, ctx.principal.subject, move?.sequence ?? null],
    );
    changes.last_audited_at = audit.auditedAt;
    const saved = await saveAsset(tx, asset, changes);
    return { asset: saved, audit, custodyEvent: lastEvent };
  });
}

const withNote = (what: string, note: string | null): string => (note ? `${what}: ${note}` : what);

// ---------------------------------------------------------------- due dates

/** The day an asset is next due for a physical audit; null when its kind is never audited (interval 0), it is DISPOSED, or still ORDERED. */
export function nextAuditDueOn(config: Config, asset: Pick<AssetRow, 'kind' | 'status' | 'lastAuditedAt' | 'createdAt'>): string | null {
  const days = config.assets.auditIntervalDays[asset.kind];
  if (!days || asset.status === AssetStatus.DISPOSED || asset.status === AssetStatus.ORDERED) return null;
  const since = new Date(asset.lastAuditedAt ?? asset.createdAt);
  // The UTC calendar day of the last audit (or of creation), plus the interval: the same as auditDueSql.
  const day = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
  return new Date(day + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * SQL of an asset's audit due date (alias `a`): the UTC day of its last audit
 * (or of its creation) plus its kind's interval, NULL for kinds never audited.
 * The intervals go in as parameters, appended to `params`. The one definition
 * of "due", used for the filter, the order key and the count alike.
 */
export function auditDueSql(config: Config, params: unknown[]): string {
  const whens = Object.values(AssetKind)
    .filter((kind) => config.assets.auditIntervalDays[kind] > 0)
    .map((kind) => {
      params.push(kind, config.assets.auditIntervalDays[kind]);
      return `WHEN $${params.length - 1}::text THEN $${params.length}::int`;
    });
  if (whens.length === 0) return 'NULL::date';
  return `((COALESCE(a.last_audited_at, a.created_at) AT TIME ZONE 'UTC')::date + CASE a.kind ${whens.join(' ')} END)`;
}

/** Assets whose next audit is due on or before `asOf` (default today, UTC), most overdue first. */
export async function listDueForAudit(ctx: Context, asOf: string | null | undefined, args: ConnectionArgs): Promise<ConnectionResult<AssetRow>> {
  const params: unknown[] = [];
  const due = auditDueSql(ctx.config, params);
  const order: KeysetOrder = { name: 'auditDue', expr: due, cast: 'date', direction: 'ASC' };
  const page = pageRequest(args, order.name);
  params.push(asOf ?? null);
  const where = [
    `a.status NOT IN ('${AssetStatus.DISPOSED}', '${AssetStatus.ORDERED}')`,
    // NULL (a kind never audited) is never <= anything.
    `${due} <= COALESCE($${params.length}::date, CURRENT_DATE)`,
  ];
  return assetPage(ctx, where, params, order, page);
}
