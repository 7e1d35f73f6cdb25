/**
 * Grouped writes (group commit): requests that arrive while the previous group's transaction
 * runs wait and are then done together in ONE transaction, in arrival order — the queue's
 * claims (QueueStore.claimBatch) and ticket events (QueueStore.eventBatch). Under load (50
 * counters calling at once) this turns ~10 statements and a commit per claim into about a
 * dozen statements per group plus one update per ticket; alone, a request is a group of one
 * and waits for nothing. A key (the counter, the ticket) appears at most once per group: a
 * second request for it goes into the next group, so it sees the first one's result.
 */
export interface BatchItem<Req, Res> {
  key: string;
  request: Req;
  resolve: (value: Res) => void;
  reject: (error: unknown) => void;
}

/** Outcome of one item of a batch: its result or its own error (the others go on). */
export type ItemOutcome<Res> = { ok: true; value: Res } | { ok: false; error: unknown };

export class RequestBatcher<Req, Res> {
  private queue: BatchItem<Req, Res>[] = [];
  private active = 0;
  /** Keys of the groups being written: a second request for one waits for the next group. */
  private readonly inFlight = new Set<string>();

  /**
   * `concurrency`: groups written at once — 1 on SQLite (one connection, one writer); more on
   * PostgreSQL, whose row locks (counters in id order, SKIP LOCKED heads) keep concurrent groups
   * apart as they keep separate server instances apart.
   */
  constructor(
    private readonly run: (items: readonly BatchItem<Req, Res>[]) => Promise<ItemOutcome<Res>[]>,
    private readonly concurrency = 1,
    private readonly maxBatch = 64,
  ) {}

  submit(key: string, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ key, request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.concurrency) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.active += 1;
      for (const item of batch) this.inFlight.add(item.key);
      void this.write(batch).finally(() => {
        for (const item of batch) this.inFlight.delete(item.key);
        this.active -= 1;
        this.pump();
      });
    }
  }

  private take(): BatchItem<Req, Res>[] {
    const batch: BatchItem<Req, Res>[] = [];
    const rest: BatchItem<Req, Res>[] = [];
    const keys = new Set<string>();
    for (const item of this.queue) {
      if (batch.length < this.maxBatch && !keys.has(item.key) && !this.inFlight.has(item.key)) {
        keys.add(item.key);
        batch.push(item);
      } else rest.push(item);
    }
    this.queue = rest;
    return batch;
  }

  private async write(batch: readonly BatchItem<Req, Res>[]): Promise<void> {
    try {
      const outcomes = await this.run(batch);
      batch.forEach((item, i) => {
        const o = outcomes[i];
        if (!o) item.reject(new Error('request batch: no outcome'));
        else if (o.ok) item.resolve(o.value);
        else item.reject(o.error);
      });
    } catch (e) {
      // The transaction failed as a whole (nothing of it was written): every item fails.
      for (const item of batch) item.reject(e);
    }
  }
}
