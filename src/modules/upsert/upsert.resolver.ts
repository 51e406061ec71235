/** This module's resolver classes (registered in modules/index.ts). */
export const UPSERT_RESOLVERS: Function[] = [];
