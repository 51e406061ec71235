import { defaultFieldResolver, GraphQLObjectType, isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { apiError } from '../common/errors';
import type { Context } from '../context';
import { can, CAPABILITIES, type Capability } from './roles';

/**
 * The roles matrix of the API contract as data, in this one place: which
 * capability (src/auth/roles.ts) each root field, mutation and protected field
 * needs. `Type.field` names an object or interface field (an interface rule
 * applies to every implementation). Every Query and Mutation field must be
 * listed: an unlisted one is a start-up error, so a new field cannot be exposed
 * by accident. A protected field the caller may not read resolves to null with
 * a FORBIDDEN error at its path; the rest of the response still comes back.
 */
export const ACCESS_RULES: Record<string, Capability> = {
  // ---- Reads open to every role: assets, people, places, vendors, contracts, custody.
  'Query.node': 'read',
  'Query.nodes': 'read',
  'Query.viewer': 'read',
  'Query.asset': 'read',
  'Query.assets': 'read',
  'Query.people': 'read',
  'Query.departments': 'read',
  'Query.locations': 'read',
  'Query.vendors': 'read',
  'Query.contracts': 'read',
  'Query.overdueCheckouts': 'read',
  'Query.verifyCustodyChain': 'read',
  'Query.expiring': 'read',
  'Query.assetsDueForAudit': 'read',
  'Query.inventorySummary': 'read',
  'Query.assetChanges': 'read',

  // ---- Money fields (costs, book value, recovered value): ADMIN, ASSET_MANAGER, AUDITOR.
  'Purchase.cost': 'readMoney',
  'Depreciation.salvageValue': 'readMoney',
  'CloudResource.monthlyCost': 'readMoney',
  'Asset.bookValue': 'readMoney',
  'Contract.cost': 'readMoney',
  'MaintenanceRecord.cost': 'readMoney',
  'Disposal.recoveredValue': 'readMoney',
  'InventorySummary.purchaseCost': 'readMoney',
  'InventorySummary.bookValue': 'readMoney',

  // ---- Licence keys: ADMIN, ASSET_MANAGER.
  'SoftwareLicense.licenseKey': 'readLicenseKey',

  // ---- The audit log and asset history: ADMIN, AUDITOR.
  'Query.auditLog': 'readAudit',
  'Asset.history': 'readAudit',

  // ---- Physical audits: ADMIN, ASSET_MANAGER, AUDITOR.
  'Mutation.recordPhysicalAudit': 'physicalAudit',

  // ---- Every other change: ADMIN, ASSET_MANAGER.
  'Mutation.createHardware': 'write',
  'Mutation.createSoftwareLicense': 'write',
  'Mutation.createNetworkDevice': 'write',
  'Mutation.createCloudResource': 'write',
  'Mutation.createVirtualMachine': 'write',
  'Mutation.createDataAsset': 'write',
  'Mutation.createCertificate': 'write',
  'Mutation.updateHardware': 'write',
  'Mutation.updateSoftwareLicense': 'write',
  'Mutation.updateNetworkDevice': 'write',
  'Mutation.updateCloudResource': 'write',
  'Mutation.updateVirtualMachine': 'write',
  'Mutation.updateDataAsset': 'write',
  'Mutation.updateCertificate': 'write',
  'Mutation.changeAssetStatus': 'write',
  'Mutation.checkOutAsset': 'write',
  'Mutation.checkInAsset': 'write',
  'Mutation.transferAsset': 'write',
  'Mutation.disposeAsset': 'write',
  'Mutation.upsertAssets': 'write',
  'Mutation.assignLicenseSeat': 'write',
  'Mutation.releaseLicenseSeat': 'write',
  'Mutation.createContract': 'write',
  'Mutation.updateContract': 'write',
  'Mutation.linkContractAssets': 'write',
  'Mutation.unlinkContractAssets': 'write',
  'Mutation.recordMaintenance': 'write',
  'Mutation.startMaintenance': 'write',
  'Mutation.completeMaintenance': 'write',
  'Mutation.cancelMaintenance': 'write',
  'Mutation.createPerson': 'write',
  'Mutation.updatePerson': 'write',
  'Mutation.createDepartment': 'write',
  'Mutation.updateDepartment': 'write',
  'Mutation.createLocation': 'write',
  'Mutation.updateLocation': 'write',
  'Mutation.createVendor': 'write',
  'Mutation.updateVendor': 'write',
};

function guard(capability: Capability, typeName: string, fieldName: string, resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  const roles = CAPABILITIES[capability].join(', ');
  return (source, args, context, info) => {
    if (!can(context.principal, capability)) {
      throw apiError('FORBIDDEN', `${typeName}.${fieldName} needs one of the roles ${roles}`);
    }
    return resolve(source, args, context, info);
  };
}

/** Wraps the resolvers named in ACCESS_RULES; fields not named cost nothing extra. */
export function applyAccessRules(schema: GraphQLSchema, rules: Record<string, Capability> = ACCESS_RULES): GraphQLSchema {
  const types = schema.getTypeMap();
  const unknown: string[] = [];
  for (const [key, capability] of Object.entries(rules)) {
    const [typeName, fieldName] = key.split('.');
    const type = types[typeName];
    const targets: GraphQLObjectType[] = [];
    if (isObjectType(type)) targets.push(type);
    else if (isInterfaceType(type)) targets.push(...schema.getPossibleTypes(type));
    let found = false;
    for (const t of targets) {
      const field = t.getFields()[fieldName];
      if (!field) continue;
      found = true;
      field.resolve = guard(capability, typeName, fieldName, (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>);
    }
    if (!found) unknown.push(key);
  }
  const unguarded = [schema.getQueryType(), schema.getMutationType()]
    .filter((t): t is GraphQLObjectType => t != null)
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`))
    .filter((k) => !(k in rules));
  if (unknown.length || unguarded.length) {
    throw new Error(
      [unknown.length ? `access rules name unknown fields: ${unknown.join(', ')}` : '', unguarded.length ? `root fields without an access rule: ${unguarded.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    );
  }
  return schema;
}
