/** This module's resolver classes (registered in modules/index.ts). */
export const DISPOSAL_RESOLVERS: Function[] = [];
