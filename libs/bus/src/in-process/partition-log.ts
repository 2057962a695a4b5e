/** One partition's ordered log: offsets only grow; the head is trimmed once every group is past it. */

export interface StoredRecord {
  readonly offset: number;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  /** Superseded by a newer record with the same key (compacted topics only). */
  compactedAway?: boolean;
}

/** Below this many dead slots the array is not worth copying. */
const compactionSlack = 1_024;

export class PartitionLog {
  private records: StoredRecord[] = [];
  /** records[head] is the oldest retained record. */
  private head = 0;
  private dead = 0;
  private nextOffset = 0;
  private readonly newestByKey: Map<string, StoredRecord> | undefined;
  private readonly listeners = new Set<() => void>();
  private wakeScheduled = false;

  constructor(readonly compacted: boolean) {
    this.newestByKey = compacted ? new Map() : undefined;
  }

  /** Offset of the oldest retained record (the end when the log is empty). */
  get startOffset(): number {
    return this.head < this.records.length ? this.records[this.head].offset : this.nextOffset;
  }

  /** Offset the next appended record will get. */
  get endOffset(): number {
    return this.nextOffset;
  }

  /** Records held in memory, for tests and diagnostics. */
  get retained(): number {
    return this.records.length - this.head - this.dead;
  }

  append(key: string, value: Uint8Array, headers: Record<string, string>): number {
    const record: StoredRecord = { offset: this.nextOffset++, key, value, headers };
    if (this.newestByKey) {
      const previous = this.newestByKey.get(key);
      if (previous) {
        previous.compactedAway = true;
        this.dead++;
      }
      this.newestByKey.set(key, record);
    }
    this.records.push(record);
    this.maybeCompactArray();
    this.scheduleWake();
    return record.offset;
  }

  /** The first retained, live record at or after `offset`. */
  readFrom(offset: number): StoredRecord | undefined {
    let low = this.head;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.records[mid].offset < offset) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.records.length; i++) {
      if (!this.records[i].compactedAway) return this.records[i];
    }
    return undefined;
  }

  /** Drops every record below `offset` (never used on compacted logs: they keep each key's newest record). */
  trimBelow(offset: number): void {
    while (this.head < this.records.length && this.records[this.head].offset < offset) {
      this.head++;
    }
    this.maybeCompactArray();
  }

  /** Calls `listener` (on a later turn of the event loop) after records are appended. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleWake(): void {
    if (this.wakeScheduled || this.listeners.size === 0) return;
    this.wakeScheduled = true;
    // setImmediate, not a microtask: a chain of handlers publishing to each other must still
    // let timers and I/O run, and publish() must never run a handler before it returns.
    setImmediate(() => {
      this.wakeScheduled = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  private maybeCompactArray(): void {
    const waste = this.head + this.dead;
    if (waste < compactionSlack || waste * 2 < this.records.length) return;
    this.records = this.records.slice(this.head).filter((record) => !record.compactedAway);
    this.head = 0;
    this.dead = 0;
  }
}
