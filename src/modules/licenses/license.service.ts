import { fromGlobalId } from '../../common/global-id';
import { mapDbError } from '../../common/persistence';
import { fail, UserErrorCode, UserErrorsException } from '../../common/user-errors';
import { assertStorableText, requireKey } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import type { Tx } from '../../database/db';
import { AssetKind, AssetStatus, KIND_TYPENAME, LicenseMetric } from '../assets/asset.enums';
import type { AssetRow } from '../assets/asset.types';
import { lockAsset } from '../custody/custody.service';
import { LicenseSeatEntity } from './license-seat.entity';
import { LicenseComplianceStatus, type LicenseCompliance, type LicenseSeatRow } from './license.types';
import { activeSeatsOf, DEVICE_METRICS, PERSON_METRICS } from './seat-rules';

export const LICENSE_SEAT_COLUMNS = selectList(LicenseSeatEntity, 's', 'LicenseSeat');

/** Largest quantity one assignment may consume (the ceiling of seatsTotal). */
const MAX_QUANTITY = 10_000_000;
const MAX_NOTE = 200;

/** A licence in these states grants no new seats. */
const LICENCE_UNAVAILABLE = new Set<string>([AssetStatus.ORDERED, AssetStatus.LOST, AssetStatus.RETIRED, AssetStatus.DISPOSED]);
/** A device in these states cannot take a seat. */
const DEVICE_UNAVAILABLE = new Set<string>([AssetStatus.RETIRED, AssetStatus.DISPOSED]);

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const isBlank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

export interface AssignSeatInput {
  licenseId: string;
  personId?: string | null;
  assetId?: string | null;
  quantity?: number | null;
  note?: string | null;
}

export interface ReleaseSeatInput {
  seatId: string;
  note?: string | null;
}

type DeviceRow = Pick<AssetRow, 'kind' | 'status' | 'vcpus' | 'specs'>;

interface Assignee {
  type: 'PERSON' | 'ASSET';
  key: string;
  /** The device row (asset assignees only). */
  device: DeviceRow | null;
}

function assertNote(note: string | null | undefined): void {
  assertStorableText(note, ['input', 'note']);
  if (note != null && note.length > MAX_NOTE) fail(['input', 'note'], UserErrorCode.INVALID, `note may be at most ${MAX_NOTE} characters`);
}

/** Locks the licence row and checks that it can grant a seat today. */
async function lockLicence(tx: Tx, licenseId: string): Promise<AssetRow> {
  const field = ['input', 'licenseId'];
  if (isBlank(licenseId)) fail(field, UserErrorCode.REQUIRED, 'Give the licence\'s ID');
  const licence = await lockAsset(tx, licenseId, null, field);
  const typename = KIND_TYPENAME[licence.kind];
  if (licence.kind !== AssetKind.SOFTWARE_LICENSE) fail(field, UserErrorCode.INVALID, `This is a ${typename}, not a SoftwareLicense: only licences have seats`);
  if (fromGlobalId(licenseId)?.type !== typename) fail(field, UserErrorCode.NOT_FOUND, 'No SoftwareLicense with this ID');
  if (LICENCE_UNAVAILABLE.has(licence.status)) fail(field, UserErrorCode.NOT_AVAILABLE, `The licence is ${licence.status}: it grants no seats`);
  if (licence.expiresOn != null && licence.expiresOn < todayUtc()) fail(field, UserErrorCode.NOT_AVAILABLE, `The licence expired on ${licence.expiresOn}: it grants no seats`);
  return licence;
}

/**
 * Finds the assignee and holds its row (FOR SHARE) until commit, so that a device
 * being retired or disposed, or a person being deactivated, waits for this assignment
 * (and then releases its seat) or makes it wait (and then refuses it).
 */
async function resolveAssignee(tx: Tx, input: AssignSeatInput, metric: string): Promise<Assignee> {
  if (input.personId != null) {
    const field = ['input', 'personId'];
    if (!PERSON_METRICS.has(metric)) fail(field, UserErrorCode.INVALID, `A ${metric} licence is assigned to devices: give assetId instead`);
    const key = requireKey(input.personId, ['Person'], field);
    const [person] = await tx.query<{ active: boolean }>('SELECT active FROM person WHERE id = $1 FOR SHARE', [key]);
    if (!person) fail(field, UserErrorCode.NOT_FOUND, 'No Person with this ID');
    if (!person.active) fail(field, UserErrorCode.NOT_AVAILABLE, 'The person is inactive and cannot be given a seat');
    return { type: 'PERSON', key, device: null };
  }
  const field = ['input', 'assetId'];
  if (!DEVICE_METRICS.has(metric)) fail(field, UserErrorCode.INVALID, `A ${metric} licence is assigned to people: give personId instead`);
  const decoded = fromGlobalId(input.assetId);
  const key = requireKey(input.assetId, Object.values(KIND_TYPENAME), field);
  const [device] = await tx.query<DeviceRow>(
    'SELECT a.kind, a.status, a.vcpus, a.specs FROM asset a WHERE a.id = $1 FOR SHARE', [key],
  );
  if (!device || KIND_TYPENAME[device.kind] !== decoded?.type) fail(field, UserErrorCode.NOT_FOUND, `No ${decoded?.type ?? 'asset'} with this ID`);
  if (device.kind === AssetKind.SOFTWARE_LICENSE) fail(field, UserErrorCode.INVALID, 'A SoftwareLicense cannot hold a seat of a licence');
  if (DEVICE_UNAVAILABLE.has(device.status)) fail(field, UserErrorCode.NOT_AVAILABLE, `The device is ${device.status} and cannot be given a seat`);
  return { type: 'ASSET', key, device };
}

/** Cores a device brings to a PER_CORE licence when the caller does not say: a VM's vcpus, or a Hardware's integer specs.cores. */
function defaultCores(device: DeviceRow | null): number | null {
  if (!device) return null;
  if (device.kind === AssetKind.VIRTUAL_MACHINE && Number.isInteger(device.vcpus) && (device.vcpus as number) > 0) return device.vcpus;
  const cores = device.kind === AssetKind.HARDWARE ? device.specs?.cores : undefined;
  return typeof cores === 'number' && Number.isInteger(cores) && cores > 0 && cores <= MAX_QUANTITY ? cores : null;
}

function quantityFor(metric: string, given: number | null | undefined, assignee: Assignee): number {
  const field = ['input', 'quantity'];
  if (given != null && (!Number.isInteger(given) || given < 1 || given > MAX_QUANTITY)) {
    fail(field, UserErrorCode.INVALID, `quantity must be a whole number from 1 to ${MAX_QUANTITY.toLocaleString('en')}`);
  }
  if (metric !== LicenseMetric.PER_CORE) {
    if (given != null && given !== 1) fail(field, UserErrorCode.INVALID, `A ${metric} seat counts 1; quantity is for PER_CORE licences`);
    return 1;
  }
  const q = given ?? defaultCores(assignee.device);
  if (q == null) fail(field, UserErrorCode.REQUIRED, 'Give quantity: the cores to license on this device (it records none: no vcpus, no integer specs.cores)');
  return q;
}

/**
 * Assigns a seat. The licence row stays locked until commit, so concurrent assignments
 * of one licence run one after the other and the seat count never overshoots.
 */
export async function assignLicenseSeat(ctx: Context, input: AssignSeatInput): Promise<{ seat: LicenseSeatRow; license: AssetRow }> {
  const given = [input.personId, input.assetId].filter((v) => v != null).length;
  if (given !== 1) {
    fail(['input'], given === 0 ? UserErrorCode.REQUIRED : UserErrorCode.INVALID, 'Name exactly one assignee: personId or assetId');
  }
  assertNote(input.note);
  try {
    return await ctx.db.transaction(async (tx) => {
      const licence = await lockLicence(tx, input.licenseId);
      const metric = licence.metric as string;
      const assignee = await resolveAssignee(tx, input, metric);
      const quantity = quantityFor(metric, input.quantity, assignee);
      const column = assignee.type === 'PERSON' ? 'person_id' : 'asset_id';
      const [held] = await tx.query(`SELECT 1 FROM license_seat WHERE license_id = $1 AND ${column} = $2 AND released_at IS NULL`, [licence.id, assignee.key]);
      if (held) fail(['input', assignee.type === 'PERSON' ? 'personId' : 'assetId'], UserErrorCode.ALREADY_EXISTS, 'It already holds a seat of this licence');
      const { used } = await activeSeatsOf(tx, licence.id);
      const total = licence.seatsTotal ?? 0;
      if (used + quantity > total && !licence.allowOverallocation) {
        fail(['input', 'licenseId'], UserErrorCode.SEATS_EXHAUSTED,
          `${used} of ${total} seat(s) are in use and this assignment needs ${quantity}: release seats, buy more, or allow over-allocation`);
      }
      const [seat] = await tx.query<LicenseSeatRow>(
        `INSERT INTO license_seat AS s (license_id, assignee_type, person_id, asset_id, quantity, assigned_by, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${LICENSE_SEAT_COLUMNS}`,
        [licence.id, assignee.type, assignee.type === 'PERSON' ? assignee.key : null, assignee.type === 'ASSET' ? assignee.key : null, quantity, ctx.principal.subject,
          input.note?.trim() || null],
      );
      return { seat, license: licence };
    });
  } catch (err) {
    if (err instanceof UserErrorsException) throw err;
    const constraint = (err as { code?: string; constraint?: string }).code === '23505' ? (err as { constraint?: string }).constraint : undefined;
    if (constraint === 'uq_license_seat_person_active' || constraint === 'uq_license_seat_asset_active') {
      fail(['input', constraint.includes('person') ? 'personId' : 'assetId'], UserErrorCode.ALREADY_EXISTS, 'It already holds a seat of this licence');
    }
    mapDbError(err, { fk_license_seat_person: ['input', 'personId'], fk_license_seat_asset: ['input', 'assetId'], chk_license_seat_not_self: ['input', 'assetId'] });
  }
}

/** Releases an active seat; the row stays as history. */
export async function releaseLicenseSeat(ctx: Context, input: ReleaseSeatInput): Promise<{ seat: LicenseSeatRow; license: AssetRow }> {
  const field = ['input', 'seatId'];
  if (isBlank(input.seatId)) fail(field, UserErrorCode.REQUIRED, 'Give the seat\'s ID');
  const key = requireKey(input.seatId, ['LicenseSeat'], field);
  assertNote(input.note);
  const seat = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.query<LicenseSeatRow>(`SELECT ${LICENSE_SEAT_COLUMNS} FROM license_seat s WHERE s.id = $1 FOR UPDATE`, [key]);
    if (!current) fail(field, UserErrorCode.NOT_FOUND, 'No LicenseSeat with this ID');
    if (current.releasedAt) fail(field, UserErrorCode.NOT_AVAILABLE, `The seat was already released at ${current.releasedAt.toISOString()}`);
    const [released] = await tx.query<LicenseSeatRow>(
      `UPDATE license_seat AS s SET released_at = GREATEST(now(), s.assigned_at), released_by = $2, release_reason = $3
        WHERE s.id = $1 RETURNING ${LICENSE_SEAT_COLUMNS}`,
      [key, ctx.principal.subject, input.note?.trim() || 'released'],
    );
    return released;
  });
  // Read after commit (and outside the transaction's connection): the licence row itself did not change.
  const license = await ctx.loaders.assetById.load(seat.licenseId);
  return { seat, license: license! };
}

/** The compliance verdict of a licence with `used` seats in use, today. */
export function complianceOf(licence: Pick<AssetRow, 'seatsTotal' | 'expiresOn'>, used: number, underusePercent: number, today = todayUtc()): LicenseCompliance {
  const total = licence.seatsTotal ?? 0;
  const shortfall = Math.max(0, used - total);
  const unusedSeats = Math.max(0, total - used);
  const utilizationPercent = total > 0 ? Math.floor((used * 100) / total) : null;
  let status: LicenseComplianceStatus;
  let message: string;
  if (licence.expiresOn != null && licence.expiresOn < today) {
    status = LicenseComplianceStatus.EXPIRED;
    message = `Expired on ${licence.expiresOn}; ${used} seat(s) still assigned`;
  } else if (shortfall > 0) {
    status = LicenseComplianceStatus.OVER_ALLOCATED;
    message = `${used} seat(s) in use of ${total}: ${shortfall} more must be bought`;
  } else if (total > 0 && used * 100 < total * underusePercent) {
    status = LicenseComplianceStatus.UNDER_UTILIZED;
    message = `${used} of ${total} seat(s) in use, under ${underusePercent}%: ${unusedSeats} unused`;
  } else {
    status = LicenseComplianceStatus.COMPLIANT;
    message = `${used} of ${total} seat(s) in use`;
  }
  return { status, shortfall, unusedSeats, seatsUsed: used, seatsTotal: total, utilizationPercent, message };
}
