import { AssetEntity, AssetExternalRefEntity, AssetRelationEntity } from '../modules/assets/asset.entity';
import { ContractAssetEntity, ContractEntity } from '../modules/contracts/contract.entity';
import { CustodyEventEntity } from '../modules/custody/custody-event.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { AuditEntryEntity } from '../modules/audit-log/audit-entry.entity';
import { PhysicalAuditEntity } from '../modules/audits/physical-audit.entity';
import { DisposalEntity } from '../modules/disposal/disposal.entity';
import { LicenseSeatEntity } from '../modules/licenses/license-seat.entity';
import { MaintenanceRecordEntity } from '../modules/maintenance/maintenance-record.entity';
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
  CustodyEventEntity,
  ContractEntity,
  ContractAssetEntity,
  MaintenanceRecordEntity,
  LicenseSeatEntity,
  DisposalEntity,
  PhysicalAuditEntity,
  AuditEntryEntity,
  IdempotencyKeyEntity,
];
