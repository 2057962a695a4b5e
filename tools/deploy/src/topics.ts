/** The topics a creation script (docker-compose's and the dev overlay's `topic <name> <partitions> [compact]` lines) creates. */
export function topicsCreatedBy(script: string): { name: string; partitions: number; compacted: boolean }[] {
  return [...script.matchAll(/^\s*topic (\S+) (\d+)( compact)?\s*$/gm)].map((m) => ({ name: m[1], partitions: Number(m[2]), compacted: Boolean(m[3]) }));
}
