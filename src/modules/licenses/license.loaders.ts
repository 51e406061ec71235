import { byIdLoader } from '../../common/loader';
import { selectList } from '../../database/columns';
import type { Db } from '../../database/db';
import { LicenseSeatEntity } from './license-seat.entity';

export const LICENSE_SEAT_COLUMNS = selectList(LicenseSeatEntity, 's', 'LicenseSeat');
export type LicenseSeatRow = LicenseSeatEntity & { __typename: 'LicenseSeat' };

/** Licence loaders: each answers a whole page of parents with one statement. */
export function licenseLoaders(db: Db) {
  return {
    licenseSeatById: byIdLoader<LicenseSeatRow>(db, `SELECT ${LICENSE_SEAT_COLUMNS} FROM license_seat s WHERE s.id = ANY($1::uuid[])`),
  };
}
