// PIN checks wait for the slow hash. Run side by side, every check of a burst would read the
// counters before any of them recorded its failure, so a burst of guesses would slip past the
// limits. Checks that share a key therefore run one after another: each sees the failures of the
// ones before it, and once a limit is reached the rest are refused before hashing anything.
export class PinCheckQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued earlier under `key` has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have checks queued or running (for tests). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
