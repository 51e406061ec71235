/** The prefix Apollo Server puts before a query hash in the persisted-query cache. */
const APQ_PREFIX = 'apq:';

/**
 * The cache behind automatic persisted queries: in memory, per instance, least recently used
 * entries dropped past `maxBytes` (PERSISTED_QUERIES_CACHE_MB). A client whose hash was dropped
 * (or that hit another instance) gets PERSISTED_QUERY_NOT_FOUND and sends the query again, as
 * the APQ protocol expects. Implements Apollo's KeyValueCache<string>.
 */
export class PersistedQueryCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string): Promise<string | undefined> {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    this.remove(key);
    const size = key.length + value.length;
    if (size > this.maxBytes) return;
    this.entries.set(key, value);
    this.bytes += size;
    for (const [oldest, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldest.length + v.length;
    }
  }

  async delete(key: string): Promise<boolean> {
    return this.remove(key);
  }

  /** The query text registered under a SHA-256 hash, if any (read by middleware that runs before Apollo). */
  query(sha256Hash: string): string | undefined {
    return this.entries.get(APQ_PREFIX + sha256Hash);
  }

  private remove(key: string): boolean {
    const value = this.entries.get(key);
    if (value === undefined) return false;
    this.entries.delete(key);
    this.bytes -= key.length + value.length;
    return true;
  }
}
