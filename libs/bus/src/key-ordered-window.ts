/**
 * Which messages of one partition may run now, shared by both bus implementations so that
 * key-level ordering means the same thing in each (SubscribeOptions.maxInFlightPerPartition).
 *
 * The window holds the messages a member took from a partition and has not committed yet, in
 * offset order. A message may start when fewer than `limit` are running and no older message
 * with its key is unfinished; so a key's messages run one at a time, in offset order, while
 * other keys go ahead. Only the finished prefix may be committed: a message finished above an
 * unfinished one is redelivered after a crash or handover (at least once, never lost).
 */

type EntryState = 'waiting' | 'running' | 'finished';

export interface WindowEntry<T> {
  readonly item: T;
  readonly key: string;
  state: EntryState;
}

export class KeyOrderedWindow<T> {
  private readonly entries: Array<WindowEntry<T>> = [];
  private running = 0;

  constructor(readonly limit: number) {
    assertMaxInFlight(limit);
  }

  /** Messages held: waiting, running, or finished above an unfinished one. */
  get size(): number {
    return this.entries.length;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Appends the next message of the partition (callers add in offset order). */
  add(item: T, key: string): void {
    this.entries.push({ item, key, state: 'waiting' });
  }

  /** Marks and returns the oldest message allowed to start now, if any. */
  take(): WindowEntry<T> | undefined {
    if (this.running >= this.limit) return undefined;
    // Keys with an unfinished message older than the one looked at: those must wait.
    const busyKeys = new Set<string>();
    for (const entry of this.entries) {
      if (entry.state === 'finished') continue;
      if (entry.state === 'waiting' && !busyKeys.has(entry.key)) {
        entry.state = 'running';
        this.running++;
        return entry;
      }
      busyKeys.add(entry.key);
    }
    return undefined;
  }

  /** The message is done (handled or dead-lettered). */
  finish(entry: WindowEntry<T>): void {
    this.leave(entry, 'finished');
  }

  /** The message did not complete and must run again later; it keeps blocking its key. */
  putBack(entry: WindowEntry<T>): void {
    this.leave(entry, 'waiting');
  }

  /**
   * Drops the finished messages at the head of the window and returns the newest of them: the
   * partition is done up to and including it, so its successor is the offset to commit.
   */
  dropFinishedHead(): T | undefined {
    let newest: T | undefined;
    let count = 0;
    while (count < this.entries.length && this.entries[count].state === 'finished') {
      newest = this.entries[count].item;
      count++;
    }
    this.entries.splice(0, count);
    return newest;
  }

  private leave(entry: WindowEntry<T>, state: EntryState): void {
    if (entry.state !== 'running') throw new Error(`window entry is ${entry.state}, not running`);
    entry.state = state;
    this.running--;
  }
}

export function assertMaxInFlight(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`maxInFlightPerPartition must be an integer >= 1, got ${limit}`);
  }
}
