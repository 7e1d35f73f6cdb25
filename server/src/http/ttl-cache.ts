/**
 * A small in-process cache of loaded values with a time to live. Used for what every hot
 * request would otherwise read again (sessions, queue settings, counters): entries are
 * dropped on `clear()` (the app clears after every write outside the queue routes, see
 * ./app.ts) and expire after `ttlMs`, which bounds staleness after a change made by another
 * process (the CLI, a second server instance on the same PostgreSQL).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value for `key`, loading it once when missing or expired (a failed load is not kept). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const t = this.clock();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    // Promise.resolve: a knex builder is a thenable that runs its query on every `then`.
    const value = Promise.resolve(load());
    const entry = { at: t, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
