/** This module's resolver classes (registered in modules/index.ts). */
export const CHANGES_RESOLVERS: Function[] = [];
