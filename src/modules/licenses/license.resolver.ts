/** This module's resolver classes (registered in modules/index.ts). */
export const LICENSE_RESOLVERS: Function[] = [];
