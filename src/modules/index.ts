import { AssetResolver, KindResolvers } from './assets/asset.resolver';
import { assetObjectTypes } from './assets/asset.types';
import { ContractResolver } from './contracts/contract.resolver';
import { AssetContractResolver } from './contracts/contract.resolver';
import { AssetCustodyResolver, CustodyResolver, PersonCustodyResolver } from './custody/custody.resolver';
import { MaintenanceResolver } from './maintenance/maintenance.resolver';
import { AssetMaintenanceResolver } from './maintenance/maintenance.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { LocationResolver } from './locations/location.resolver';
import { NodeResolver } from './node.resolver';
import { PersonResolver } from './people/person.resolver';
import { VendorResolver } from './vendors/vendor.resolver';
import { AUDIT_RESOLVERS } from './audits/audit.resolver';
import { AUDIT_LOG_RESOLVERS } from './audit-log/audit-log.resolver';
import { CHANGES_RESOLVERS } from './changes/changes.resolver';
import { UPSERT_RESOLVERS } from './upsert/upsert.resolver';
import { DISPOSAL_RESOLVERS } from './disposal/disposal.resolver';
import { LICENSE_RESOLVERS } from './licenses/license.resolver';
import { RADAR_RESOLVERS } from './radar/radar.resolver';
import { VALUATION_RESOLVERS } from './valuation/valuation.resolver';

/** Every resolver class of the schema. */
export const resolvers = [
  NodeResolver,
  AssetResolver,
  ...KindResolvers,
  PersonResolver,
  DepartmentResolver,
  LocationResolver,
  VendorResolver,
  CustodyResolver,
  AssetCustodyResolver,
  PersonCustodyResolver,
  ContractResolver,
  AssetContractResolver,
  MaintenanceResolver,
  AssetMaintenanceResolver,
  ...LICENSE_RESOLVERS,
  ...DISPOSAL_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...VALUATION_RESOLVERS,
  ...RADAR_RESOLVERS,
  ...AUDIT_LOG_RESOLVERS,
  ...UPSERT_RESOLVERS,
  ...CHANGES_RESOLVERS,
] as const;

/** Object types reached only through an interface or union, which buildSchema must still include. */
export const orphanedTypes = [...assetObjectTypes];
