import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const CONTRACT_RULES: Record<string, Capability> = {
  'Query.contracts': 'read',
  'Mutation.createContract': 'write',
  'Mutation.updateContract': 'write',
  'Mutation.linkContractAssets': 'write',
  'Mutation.unlinkContractAssets': 'write',
  // Money fields: not for VIEWER (the contract's roles matrix).
  'Contract.cost': 'readMoney',
};
