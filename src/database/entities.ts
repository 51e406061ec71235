import { AssetEntity, AssetExternalRefEntity, AssetRelationEntity } from '../modules/assets/asset.entity';
import { DepartmentEntity } from '../modules/departments/department.entity';
import { LocationEntity } from '../modules/locations/location.entity';
import { PersonEntity } from '../modules/people/person.entity';
import { VendorEntity } from '../modules/vendors/vendor.entity';

/** Every TypeORM entity: the schema that migrations must match. */
export const entities = [
  DepartmentEntity,
  LocationEntity,
  VendorEntity,
  PersonEntity,
  AssetEntity,
  AssetExternalRefEntity,
  AssetRelationEntity,
];
