import { Init1796017977099 } from './1796017977099-Init';

/** Every migration, in order. Listed explicitly so that ts-node, jest and compiled code load the same set. */
export const migrations = [Init1796017977099];
