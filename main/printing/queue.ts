/**
 * A print queue per printer: jobs run one after the other (a thermal printer takes one job at a
 * time, and two front-desk clicks must not interleave their bytes). A job's failure never
 * blocks the next one. A bounded backlog: beyond `maxPending` new jobs are refused at once
 * instead of piling up behind a dead printer.
 */
export class PrintQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pendingCount = 0;

  constructor(readonly maxPending = 20) {}

  /** Jobs queued or running. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Run `job` after every earlier job has settled; undefined when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T> | undefined {
    if (this.pendingCount >= this.maxPending) return undefined;
    this.pendingCount++;
    const result = this.tail.then(job);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.pendingCount--;
    });
  }

  /** Resolves when every job queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
