import { randomUUID } from 'node:crypto';
import type { MessageBus, Subscription } from '@sim/bus';
import { decode, Topics } from '@sim/contracts';

/** Watches `testcases.snapshot` as any consumer would, from the beginning, in a group of its own. */
export class SnapshotWatcher {
  private readonly seen = new Map<string, { version: number; deleted: boolean; name: string }[]>();
  private subscription?: Subscription;

  constructor(private readonly bus: MessageBus) {}

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: `e2e-snapshots-${randomUUID()}`,
      topics: [Topics.testcasesSnapshot],
      fromBeginning: true,
      handler: async (message) => {
        const snapshot = decode(Topics.testcasesSnapshot, message.value);
        const list = this.seen.get(message.key) ?? [];
        list.push({ version: Number(snapshot.version), deleted: snapshot.deleted, name: snapshot.name });
        this.seen.set(message.key, list);
      },
    });
  }

  async waitFor(id: string, version: number, timeoutMs = 15_000): Promise<{ deleted: boolean; name: string }> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.seen.get(id)?.find((s) => s.version === version);
      if (match) return { deleted: match.deleted, name: match.name };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no testcases.snapshot version ${version} for ${id} within ${timeoutMs} ms (seen: ${JSON.stringify(this.seen.get(id) ?? [])})`);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
