/** This module's resolver classes (registered in modules/index.ts). */
export const RADAR_RESOLVERS: Function[] = [];
