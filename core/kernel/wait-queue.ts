/** A set of blocked tasks waiting for one condition (data in a pipe, a child's exit, a timer). */
export class WaitQueue {
  private waiters = new Set<() => void>();

  /** Register a wake-up callback; returns a function that unregisters it. */
  add(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  wakeAll(): void {
    if (this.waiters.size === 0) return;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  get size(): number {
    return this.waiters.size;
  }
}
