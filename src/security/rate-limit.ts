import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window frees a request (at least 1 when refused). */
  retryAfterSec: number;
}

export interface RateLimiter {
  /** Where the counters live: "memory" or "redis". */
  readonly store: 'memory' | 'redis';
  consume(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/**
 * Fixed-window request counters per key (rate-limiter-flexible). In memory by
 * default; in Redis when REDIS_URL is set, so that every instance shares one
 * budget per subject. If Redis is unreachable the in-memory limiter stands in
 * (per instance) rather than letting every request through or refusing all.
 */
export async function createRateLimiter(cfg: Config['rateLimit'], log: Logger): Promise<RateLimiter | null> {
  if (cfg.points === 0) return null;
  const base = { points: cfg.points, duration: cfg.windowSec, keyPrefix: 'itam:rl' };
  const memory = new RateLimiterMemory(base);
  let redis: Redis | null = null;
  let limiter: RateLimiterAbstract = memory;
  if (cfg.redisUrl) {
    redis = new Redis(cfg.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    let warned = false;
    redis.on('error', (err: Error) => {
      if (!warned) log.warn({ err: err.message }, 'rate limiter: Redis unavailable, counting in memory until it is back');
      warned = true;
    });
    redis.on('ready', () => {
      warned = false;
    });
    limiter = new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true });
    // Start counting in Redis from the first request when it is there; do not hold the start up for long when it is not.
    const client = redis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return {
    store: redis ? 'redis' : 'memory',
    async consume(key) {
      try {
        const r = await limiter.consume(key, 1);
        return { allowed: true, limit: cfg.points, remaining: r.remainingPoints, retryAfterSec: Math.ceil(r.msBeforeNext / 1000) };
      } catch (rej) {
        if (rej instanceof RateLimiterRes) {
          return { allowed: false, limit: cfg.points, remaining: 0, retryAfterSec: Math.max(1, Math.ceil(rej.msBeforeNext / 1000)) };
        }
        // Neither store answered: do not turn a counter failure into an outage.
        log.error({ err: rej }, 'rate limiter failed; request let through');
        return { allowed: true, limit: cfg.points, remaining: cfg.points, retryAfterSec: 0 };
      }
    },
    async close() {
      if (redis) redis.disconnect();
    },
  };
}
