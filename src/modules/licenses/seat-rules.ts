import { fail, UserErrorCode } from '../../common/user-errors';
import type { Queryable } from '../../database/db';
import { LicenseMetric } from '../assets/asset.enums';

/** Metrics whose seats are held by people, and those whose seats are held by devices (SITE: both). */
export const PERSON_METRICS: ReadonlySet<string> = new Set([LicenseMetric.PER_USER, LicenseMetric.CONCURRENT, LicenseMetric.SITE]);
export const DEVICE_METRICS: ReadonlySet<string> = new Set([LicenseMetric.PER_DEVICE, LicenseMetric.PER_CORE, LicenseMetric.SITE]);

/** The licence columns an update may change that bear on its seats. */
export interface SeatTerms {
  seatsTotal: number;
  allowOverallocation: boolean;
  metric: string;
}

interface ActiveSeats {
  used: number;
  persons: number;
  devices: number;
  multi: number;
}

/** What a licence's active seats add up to: one statement. */
export async function activeSeatsOf(db: Queryable, licenseId: string): Promise<ActiveSeats> {
  const [row] = await db.query<ActiveSeats>(
    `SELECT LEAST(COALESCE(sum(quantity), 0), 2147483647)::int AS used, -- saturates: past 2^31 seats the licence is over-allocated anyway
            count(*) FILTER (WHERE person_id IS NOT NULL)::int AS persons,
            count(*) FILTER (WHERE asset_id IS NOT NULL)::int AS devices,
            count(*) FILTER (WHERE quantity <> 1)::int AS multi
       FROM license_seat WHERE license_id = $1 AND released_at IS NULL`,
    [licenseId],
  );
  return row;
}

/**
 * The side paths around the seat limit, for an update of a licence whose row the
 * caller has locked (so that no assignment runs meanwhile): the new terms must still
 * cover the active seats. Lowering seatsTotal below the seats in use, or switching
 * allowOverallocation off while over-allocated, is SEATS_EXHAUSTED; a metric under
 * which the active seats no longer make sense is INVALID. Changes that do not touch
 * the terms are never refused here (a licence already over-allocated with permission
 * can still be renamed).
 */
export async function assertSeatTermsHold(db: Queryable, licenseId: string, before: SeatTerms, after: SeatTerms): Promise<void> {
  const totalChanged = after.seatsTotal !== before.seatsTotal;
  const allowChanged = after.allowOverallocation !== before.allowOverallocation;
  const metricChanged = after.metric !== before.metric;
  if (!totalChanged && !allowChanged && !metricChanged) return;
  const seats = await activeSeatsOf(db, licenseId);
  if (metricChanged && seats.persons + seats.devices > 0) {
    const field = ['input', 'metric'];
    const release = 'release those seats first';
    if (seats.persons > 0 && !PERSON_METRICS.has(after.metric)) {
      fail(field, UserErrorCode.INVALID, `${seats.persons} active seat(s) are held by people, which a ${after.metric} licence does not allow: ${release}`);
    }
    if (seats.devices > 0 && !DEVICE_METRICS.has(after.metric)) {
      fail(field, UserErrorCode.INVALID, `${seats.devices} active seat(s) are held by devices, which a ${after.metric} licence does not allow: ${release}`);
    }
    if (after.metric === LicenseMetric.PER_CORE) {
      // Their quantities count seats, not cores: reading them as cores would understate the use.
      fail(field, UserErrorCode.INVALID, `The active seats were counted as one seat each, not in cores: ${release} and assign them again under PER_CORE`);
    }
    if (seats.multi > 0) {
      fail(field, UserErrorCode.INVALID, `${seats.multi} active seat(s) consume several cores each, which a ${after.metric} licence counts as one: ${release}`);
    }
  }
  if ((totalChanged || allowChanged) && !after.allowOverallocation && seats.used > after.seatsTotal) {
    const field = totalChanged && after.seatsTotal < before.seatsTotal ? ['input', 'seatsTotal'] : allowChanged ? ['input', 'allowOverallocation'] : ['input', 'seatsTotal'];
    fail(field, UserErrorCode.SEATS_EXHAUSTED,
      `${seats.used} seat(s) are in use, more than ${after.seatsTotal}: release seats first, or keep allowOverallocation on (compliance then shows the shortfall)`);
  }
}
