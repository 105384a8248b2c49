// Timings as they arrive (from a child's stdout or this process's own proxy), awaited without sleeping:
// `mark()` before an action, then `find(mark, wanted)` resolves with the first later entry that matches.

export interface TimingLog<T> {
  push(entry: T): void;
  /** How many entries have arrived so far: pass it to `find` to look only at later ones. */
  mark(): number;
  /** The first entry after `mark` that matches `wanted`, once it has arrived. */
  find(mark: number, wanted: (entry: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function createTimingLog<T>(what: string): TimingLog<T> {
  const entries: T[] = [];
  const waiting = new Set<() => void>();
  return {
    push(entry) {
      entries.push(entry);
      for (const check of [...waiting]) check();
    },
    mark: () => entries.length,
    find(mark, wanted, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no matching ${what} arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const found = entries.slice(mark).find(wanted);
          if (found === undefined) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      });
    },
  };
}
