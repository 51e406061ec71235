import type { Principal } from './auth/roles';
import type { Config } from './config';
import type { Db } from './database/db';
import type { Loaders } from './loaders';
import type { Logger } from './logger';

/** Everything a request's resolvers and services need, passed explicitly: no request state in globals. */
export interface Context {
  readonly requestId: string;
  readonly principal: Principal;
  readonly db: Db;
  readonly loaders: Loaders;
  readonly log: Logger;
  readonly config: Config;
}
