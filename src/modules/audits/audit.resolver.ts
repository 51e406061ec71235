/** This module's resolver classes (registered in modules/index.ts). */
export const AUDIT_RESOLVERS: Function[] = [];
