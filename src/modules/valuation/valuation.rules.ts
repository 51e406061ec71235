import type { Capability } from '../../auth/roles';

/** Access rules of this module's root fields and protected fields (merged into ACCESS_RULES). */
export const VALUATION_RULES: Record<string, Capability> = {
  'Query.inventorySummary': 'read',
  // Money fields: not for VIEWER (the contract's roles matrix).
  'Asset.bookValue': 'readMoney',
  'InventorySummary.purchaseCost': 'readMoney',
  'InventorySummary.bookValue': 'readMoney',
};
