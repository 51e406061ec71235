import type { Principal } from './auth/roles';
import type { Config } from './config';
import type { Db, QueryStats } from './database/db';
import type { Loaders } from './loaders';
import type { Logger } from './logger';

/** Everything a request's resolvers and services need, passed explicitly: no request state in globals. */
export interface Context {
  readonly requestId: string;
  readonly principal: Principal;
  /** The request's data access (counting its statements; inside a mutation, carrying its audit scope). */
  readonly db: Db;
  /** SQL statements the request has run so far. */
  readonly stats: QueryStats;
  readonly loaders: Loaders;
  readonly log: Logger;
  readonly config: Config;
}
