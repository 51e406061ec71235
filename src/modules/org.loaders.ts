import { byIdLoader, groupedLoader } from '../common/loader';
import type { Db } from '../database/db';
import { DEPARTMENT_COLUMNS } from './departments/department.service';
import type { DepartmentRow } from './departments/department.types';
import { LOCATION_COLUMNS } from './locations/location.service';
import type { LocationRow } from './locations/location.types';
import { PERSON_COLUMNS } from './people/person.service';
import type { PersonRow } from './people/person.types';
import { VENDOR_COLUMNS } from './vendors/vendor.service';
import type { VendorRow } from './vendors/vendor.types';

/** A location on the path of another: `pathOf` is the location whose path it belongs to. */
type PathRow = LocationRow & { pathOf: string };

/** Loaders of the organisation: people, departments, locations, vendors. */
export function orgLoaders(db: Db) {
  return {
    departmentById: byIdLoader<DepartmentRow>(db, `SELECT ${DEPARTMENT_COLUMNS} FROM department d WHERE d.id = ANY($1::uuid[])`),
    personById: byIdLoader<PersonRow>(db, `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY($1::uuid[])`),
    locationById: byIdLoader<LocationRow>(db, `SELECT ${LOCATION_COLUMNS} FROM location l WHERE l.id = ANY($1::uuid[])`),
    vendorById: byIdLoader<VendorRow>(db, `SELECT ${VENDOR_COLUMNS} FROM vendor v WHERE v.id = ANY($1::uuid[])`),
    /** Children of each location, by name. */
    locationChildren: groupedLoader<LocationRow>(
      db,
      `SELECT ${LOCATION_COLUMNS} FROM location l WHERE l.parent_id = ANY($1::uuid[]) ORDER BY l.name, l.id`,
      'parentId',
    ),
    /**
     * Path of each location, from the top of the tree down to the location itself:
     * one recursive statement for the whole batch. `seen` stops the walk should two
     * concurrent moves ever have closed a loop.
     */
    locationPath: groupedLoader<PathRow>(
      db,
      `WITH RECURSIVE up AS (
         SELECT l.id AS path_of, l.id, l.parent_id, 0 AS depth, ARRAY[l.id] AS seen FROM location l WHERE l.id = ANY($1::uuid[])
         UNION ALL
         SELECT up.path_of, p.id, p.parent_id, up.depth + 1, up.seen || p.id
           FROM up JOIN location p ON p.id = up.parent_id WHERE p.id <> ALL(up.seen)
       )
       SELECT up.path_of AS "pathOf", ${LOCATION_COLUMNS} FROM up JOIN location l ON l.id = up.id ORDER BY up.path_of, up.depth DESC`,
      'pathOf',
    ),
  };
}
