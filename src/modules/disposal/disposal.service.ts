import { fail, UserErrorCode } from '../../common/user-errors';
import { assertValid, resolveRefs } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import { AssetKind, AssetStatus, CloudServiceModel } from '../assets/asset.enums';
import type { AssetRow } from '../assets/asset.types';
import { assertTransition } from '../assets/lifecycle';
import { CustodianType, CustodyEventType } from '../custody/custody.enums';
import { appendCustodyEvent, lockAsset, saveAsset, type CustodyEventRow, type Party } from '../custody/custody.service';
import { releaseSeatsOfAsset } from '../licenses/seat-release';
import { DisposalEntity } from './disposal.entity';
import { DisposalMethod, TECHNIQUE_METHOD } from './disposal.enums';
import type { DisposeAssetInput } from './disposal.inputs';
import type { DisposalRow } from './disposal.types';

/** The disposal columns, keyed like the asset (a disposal's global ID is `Disposal:<asset key>`). */
export const DISPOSAL_COLUMNS = `${selectList(DisposalEntity, 'd', 'Disposal')}, d.asset_id AS id`;

/** How far in the future a sanitisation time may lie, for clock skew between client and server. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** UTC+14 (Line Islands): a date later than today there has not begun anywhere on Earth yet. */
const EARLIEST_ZONE_MS = 14 * 60 * 60 * 1000;
const SANITIZATION = ['input', 'dataSanitization'];

export interface DisposeResult {
  asset: AssetRow;
  disposal: DisposalRow;
  custodyEvent: CustodyEventRow | null;
}

/**
 * The contract's data-bearing rule, on a row; the same rule as DATA_BEARING_SQL in
 * assets/asset.filter.ts (the `dataBearing` filter), which the two must keep agreeing with.
 */
export function isDataBearing(a: Pick<AssetRow, 'kind' | 'dataBearing' | 'serviceModel'>): boolean {
  switch (a.kind) {
    case AssetKind.NETWORK_DEVICE:
    case AssetKind.VIRTUAL_MACHINE:
    case AssetKind.DATA_ASSET:
      return true;
    case AssetKind.HARDWARE:
      return a.dataBearing === true;
    case AssetKind.CLOUD_RESOURCE:
      return a.serviceModel === CloudServiceModel.IAAS || a.serviceModel === CloudServiceModel.PAAS;
    default:
      return false;
  }
}

/** The latest calendar date that has begun somewhere (a client east of UTC may already be on it). */
const latestToday = (): string => new Date(Date.now() + EARLIEST_ZONE_MS).toISOString().slice(0, 10);
const trimmed = (s: string | null | undefined): string | null => s?.trim() || null;

/** Checks that need no database: the shape of the input, dates, NIST categories. */
async function assertInput(input: DisposeAssetInput): Promise<void> {
  await assertValid(input);
  if (input.disposedOn > latestToday()) fail(['input', 'disposedOn'], UserErrorCode.INVALID, 'disposedOn cannot be in the future');
  const s = input.dataSanitization;
  if (s) {
    if (s.technique != null && TECHNIQUE_METHOD[s.technique] !== s.method) {
      fail([...SANITIZATION, 'technique'], UserErrorCode.INVALID, `${s.technique} is a ${TECHNIQUE_METHOD[s.technique]} technique, not ${s.method}`);
    }
    if (s.performedAt != null && s.performedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      fail([...SANITIZATION, 'performedAt'], UserErrorCode.INVALID, 'performedAt cannot be in the future');
    }
  }
  if (input.method === DisposalMethod.RECYCLE && input.vendorId == null) {
    fail(['input', 'vendorId'], UserErrorCode.REQUIRED, 'Recycling goes through a vendor with the RECYCLER role: give vendorId');
  }
}

/**
 * Disposes of a RETIRED asset, in one transaction: the disposal record (with the
 * vendor's certifications as they are now), status DISPOSED, every licence seat
 * it holds or grants released, and — through a vendor — a DISPOSAL_HANDOFF custody
 * event that makes the vendor its custodian. A data-bearing asset needs a
 * sanitisation record. The only way to DISPOSED (planStatusChange refuses it).
 */
export async function disposeAsset(ctx: Context, input: DisposeAssetInput): Promise<DisposeResult> {
  await assertInput(input);
  return ctx.db.transaction(async (tx) => {
    const [vendorKey] = await resolveRefs(tx, [{ id: input.vendorId, types: ['Vendor'], table: 'vendor', field: ['input', 'vendorId'] }]);
    const asset = await lockAsset(tx, input.assetId, input.expectedVersion);
    if (asset.status !== AssetStatus.RETIRED && asset.status !== AssetStatus.DISPOSED) {
      fail(['input', 'assetId'], UserErrorCode.INVALID_TRANSITION, `Only a RETIRED asset can be disposed of; this one is ${asset.status}: retire it first`);
    }
    assertTransition(asset.status, AssetStatus.DISPOSED, ['input', 'assetId']);
    if (!input.dataSanitization && isDataBearing(asset)) {
      fail(SANITIZATION, UserErrorCode.SANITIZATION_REQUIRED, 'The asset is data-bearing: record how its data was sanitised (dataSanitization) before it is disposed of');
    }

    let vendor: Party | null = null;
    let certifications: string[] = [];
    if (vendorKey) {
      // FOR SHARE: the roles checked and the certifications copied are the ones the vendor has when this commits.
      const [v] = await tx.query<{ roles: string[]; certifications: string[] }>('SELECT roles, certifications FROM vendor WHERE id = $1 FOR SHARE', [vendorKey]);
      if (input.method === DisposalMethod.RECYCLE && !v.roles.includes('RECYCLER')) {
        fail(['input', 'vendorId'], UserErrorCode.INVALID, 'Recycling goes through a vendor with the RECYCLER role; this vendor does not have it');
      }
      vendor = { type: CustodianType.VENDOR, id: vendorKey };
      certifications = v.certifications;
    }

    const s = input.dataSanitization;
    const [disposal] = await tx.query<DisposalRow>(
      `INSERT INTO disposal AS d (asset_id, method, disposed_on, vendor_id, vendor_certifications, sanitization_method, sanitization_technique,
         sanitization_performed_at, sanitization_performed_by, sanitization_verified_by, sanitization_certificate_number,
         recovered_value, recovered_currency, certificate_of_disposal_number, recorded_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${DISPOSAL_COLUMNS}`,
      [asset.id, input.method, input.disposedOn, vendorKey, certifications, s?.method ?? null, s?.technique ?? null,
        s?.performedAt ?? null, s ? s.performedBy.trim() : null, trimmed(s?.verifiedBy), trimmed(s?.certificateNumber),
        input.recoveredValue?.amount ?? null, input.recoveredValue?.currency ?? null, trimmed(input.certificateOfDisposalNumber), ctx.principal.subject, trimmed(input.note)],
    );

    let custodyEvent: CustodyEventRow | null = null;
    if (vendor) {
      const from: Party | null = asset.custodianType && asset.custodianId
        ? { type: asset.custodianType as CustodianType, id: asset.custodianId }
        : asset.locationId ? { type: CustodianType.LOCATION, id: asset.locationId } : null;
      custodyEvent = await appendCustodyEvent(tx, ctx, asset, { type: CustodyEventType.DISPOSAL_HANDOFF, from, to: vendor, holder: vendor, note: input.note });
    }
    await releaseSeatsOfAsset(tx, ctx, asset.id, 'disposed');
    const saved = await saveAsset(tx, asset, {
      status: AssetStatus.DISPOSED, custodian_type: vendor?.type ?? null, custodian_id: vendor?.id ?? null, checked_out_at: null, expected_return_on: null,
    });
    return { asset: saved, disposal, custodyEvent };
  });
}
