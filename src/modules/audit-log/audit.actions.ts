import DataLoader from 'dataloader';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../../context';

/**
 * The audit action of each mutation, as `entity.verb`: what AuditEntry.action
 * says and what `auditLog(filter: { action })` matches. Every mutation must be
 * listed (an unlisted one is a start-up error), so no change goes unnamed.
 */
export const MUTATION_ACTIONS: Record<string, string> = {
  createHardware: 'asset.create',
  createSoftwareLicense: 'asset.create',
  createNetworkDevice: 'asset.create',
  createCloudResource: 'asset.create',
  createVirtualMachine: 'asset.create',
  createDataAsset: 'asset.create',
  createCertificate: 'asset.create',
  updateHardware: 'asset.update',
  updateSoftwareLicense: 'asset.update',
  updateNetworkDevice: 'asset.update',
  updateCloudResource: 'asset.update',
  updateVirtualMachine: 'asset.update',
  updateDataAsset: 'asset.update',
  updateCertificate: 'asset.update',
  changeAssetStatus: 'asset.changeStatus',
  checkOutAsset: 'asset.checkOut',
  checkInAsset: 'asset.checkIn',
  transferAsset: 'asset.transfer',
  recordPhysicalAudit: 'asset.recordPhysicalAudit',
  disposeAsset: 'asset.dispose',
  upsertAssets: 'asset.upsert',
  assignLicenseSeat: 'license.assignSeat',
  releaseLicenseSeat: 'license.releaseSeat',
  createPerson: 'person.create',
  updatePerson: 'person.update',
  createDepartment: 'department.create',
  updateDepartment: 'department.update',
  createLocation: 'location.create',
  updateLocation: 'location.update',
  createVendor: 'vendor.create',
  updateVendor: 'vendor.update',
  createContract: 'contract.create',
  updateContract: 'contract.update',
  linkContractAssets: 'contract.linkAssets',
  unlinkContractAssets: 'contract.unlinkAssets',
  recordMaintenance: 'maintenance.record',
  startMaintenance: 'maintenance.start',
  completeMaintenance: 'maintenance.complete',
  cancelMaintenance: 'maintenance.cancel',
};

function clearLoaders(ctx: Context): void {
  for (const loader of Object.values(ctx.loaders)) if (loader instanceof DataLoader) loader.clearAll();
}

/**
 * Runs each mutation resolver with its audit scope (actor, action, request id) on `ctx.db`:
 * every transaction it opens hands them to the audit trigger. Mutations run one
 * after another, so scopes never mix.
 */
export function applyAuditScope(schema: GraphQLSchema, actions: Record<string, string> = MUTATION_ACTIONS): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  const missing: string[] = [];
  for (const field of Object.values(mutation.getFields())) {
    const action = actions[field.name];
    if (!action) {
      missing.push(field.name);
      continue;
    }
    const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
    field.resolve = async (source, args, ctx, info) => {
      // What the request's loaders cached before a write is stale after it: each mutation reads afresh,
      // and its payload (and the next mutation of the same request) sees the change.
      clearLoaders(ctx);
      try {
        const db = ctx.db.withAudit({ actor: ctx.principal.subject, action, requestId: ctx.requestId });
        return await resolve(source, args, { ...ctx, db }, info);
      } finally {
        clearLoaders(ctx);
      }
    };
  }
  if (missing.length) throw new Error(`mutations without an audit action: ${missing.join(', ')}`);
  return schema;
}
