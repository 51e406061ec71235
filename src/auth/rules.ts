import { defaultFieldResolver, GraphQLObjectType, isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { apiError } from '../common/errors';
import type { Context } from '../context';
import { CONTRACT_RULES } from '../modules/contracts/contract.rules';
import { MAINTENANCE_RULES } from '../modules/maintenance/maintenance.rules';
import { AUDIT_RULES } from '../modules/audits/audit.rules';
import { AUDIT_LOG_RULES } from '../modules/audit-log/audit-log.rules';
import { DISPOSAL_RULES } from '../modules/disposal/disposal.rules';
import { LICENSE_RULES } from '../modules/licenses/license.rules';
import { RADAR_RULES } from '../modules/radar/radar.rules';
import { VALUATION_RULES } from '../modules/valuation/valuation.rules';
import { can, CAPABILITIES, type Capability } from './roles';

/**
 * The roles matrix of the API contract as data: which capability each root
 * field, mutation and protected field needs. `Type.field` names an object or
 * interface field (an interface rule applies to every implementation).
 * Every Query and Mutation field must be listed: an unlisted one is a start-up error,
 * so a new field cannot be exposed by accident.
 */
export const ACCESS_RULES: Record<string, Capability> = {
  // Reads open to every role.
  'Query.node': 'read',
  'Query.nodes': 'read',
  'Query.viewer': 'read',
  'Query.asset': 'read',
  'Query.assets': 'read',
  'Query.people': 'read',
  'Query.departments': 'read',
  'Query.locations': 'read',
  'Query.vendors': 'read',

  // Writes: ADMIN and ASSET_MANAGER.
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
  'Mutation.createPerson': 'write',
  'Mutation.updatePerson': 'write',
  'Mutation.createDepartment': 'write',
  'Mutation.updateDepartment': 'write',
  'Mutation.createLocation': 'write',
  'Mutation.updateLocation': 'write',
  'Mutation.createVendor': 'write',
  'Mutation.updateVendor': 'write',

  // Custody and lifecycle.
  'Query.overdueCheckouts': 'read',
  'Query.verifyCustodyChain': 'read',
  'Mutation.checkOutAsset': 'write',
  'Mutation.checkInAsset': 'write',
  'Mutation.transferAsset': 'write',
  'Mutation.changeAssetStatus': 'write',

  // Contracts and maintenance: listed beside their resolvers.
  ...CONTRACT_RULES,
  ...MAINTENANCE_RULES,
  ...LICENSE_RULES,
  ...DISPOSAL_RULES,
  ...AUDIT_RULES,
  ...VALUATION_RULES,
  ...RADAR_RULES,
  ...AUDIT_LOG_RULES,
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
