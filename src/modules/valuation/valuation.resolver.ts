/** This module's resolver classes (registered in modules/index.ts). */
export const VALUATION_RESOLVERS: Function[] = [];
