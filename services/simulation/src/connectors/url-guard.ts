import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * The SSRF guard for tenant-supplied agent URLs (ARCHITECTURE.md "Tenancy and security").
 * A widget may not make the platform call into its own network: loopback, private,
 * link-local (where cloud metadata lives), unique-local, CGNAT, multicast and reserved
 * addresses, and the well-known metadata host names, are refused unless the operator's
 * allow-list (`AGENT_URL_ALLOWLIST`) names the host or the address.
 *
 * Checked when a widget is saved and before every call; the HTTP connectors also resolve
 * through `lookup()`, which checks again at connect time, so a DNS answer that changes
 * between the check and the connection (DNS rebinding) is refused too.
 */
export class UrlRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UrlRefusedError';
  }
}

type Resolve = (hostname: string) => Promise<string[]>;

interface AllowEntry {
  host: string;
  port: number | null;
}

const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

export class UrlGuard {
  private readonly allowed: AllowEntry[];

  constructor(
    allowlist: readonly string[],
    private readonly resolve: Resolve = resolveAll,
  ) {
    this.allowed = allowlist.map(parseAllowEntry).filter((e): e is AllowEntry => e !== null);
  }

  /**
   * Throws UrlRefusedError naming the reason. With `allowUnresolved`, a host name that does
   * not resolve now passes (it is checked again at every call): saving a widget must not
   * depend on the platform's DNS at that moment.
   */
  async assertAllowed(url: URL, options: { allowUnresolved?: boolean } = {}): Promise<void> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlRefusedError(`only http and https URLs are allowed, got ${url.protocol}`);
    const host = bareHost(url.hostname);
    const port = effectivePort(url);
    if (this.hostAllowed(host, port)) return;
    if (METADATA_HOSTS.has(host)) throw new UrlRefusedError(`${host} is a cloud metadata host`);
    if (isIP(host)) return this.assertAddresses(host, [host], port);
    let addresses: string[];
    try {
      addresses = await this.resolve(host);
    } catch (error) {
      if (options.allowUnresolved) return;
      throw new UrlRefusedError(`host ${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    this.assertAddresses(host, addresses, port);
  }

  /** A `lookup` for http(s).request that only ever connects to addresses the guard allows. */
  lookupFor(url: URL): LookupFunction {
    const port = effectivePort(url);
    return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      const host = bareHost(hostname);
      this.resolve(host).then(
        (addresses) => {
          try {
            if (!this.hostAllowed(host, port)) this.assertAddresses(host, addresses, port);
          } catch (error) {
            return callback(error);
          }
          if (options.all) return callback(null, addresses.map((address) => ({ address, family: isIP(address) })));
          callback(null, addresses[0], isIP(addresses[0]));
        },
        (error) => callback(error),
      );
    }) as LookupFunction;
  }

  private assertAddresses(host: string, addresses: string[], port: number): void {
    if (addresses.length === 0) throw new UrlRefusedError(`host ${host} has no addresses`);
    for (const address of addresses) {
      if (this.hostAllowed(bareHost(address), port)) continue;
      const reason = forbiddenRange(address);
      if (reason) {
        const via = address === host ? '' : ` (${host} resolves to ${address})`;
        throw new UrlRefusedError(`${address} is a ${reason} address${via}; an operator can allow it with AGENT_URL_ALLOWLIST`);
      }
    }
  }

  private hostAllowed(host: string, port: number): boolean {
    return this.allowed.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
  }
}

function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

/** `localhost:5005`, `10.0.0.7`, `[::1]:8080`, `agent.internal` -> host (lower case) and optional port. */
function parseAllowEntry(raw: string): AllowEntry | null {
  const entry = raw.trim().toLowerCase();
  if (!entry) return null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : null };
  if (isIP(entry) === 6) return { host: entry, port: null };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1], port: Number(withPort[2]) };
  return { host: entry, port: null };
}

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

const IPV4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
];

/** Which forbidden range an address is in, or null when it is a public address. */
export function forbiddenRange(address: string): string | null {
  const bare = bareHost(address).replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) {
    const value = ipv4ToNumber(bare);
    const hit = IPV4_RANGES.find(([base, bits]) => inRange(BigInt(value), BigInt(ipv4ToNumber(base)), bits, 32));
    return hit ? hit[2] : null;
  }
  if (version === 6) {
    const value = ipv6ToBigInt(bare);
    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach an IPv4 host: judge that host.
    if (inRange(value, ipv6ToBigInt('::ffff:0:0'), 96, 128) || inRange(value, ipv6ToBigInt('64:ff9b::'), 96, 128)) {
      return forbiddenRange(numberToIpv4(Number(value & 0xffffffffn)));
    }
    const hit = IPV6_RANGES.find(([base, bits]) => inRange(value, ipv6ToBigInt(base), bits, 128));
    return hit ? hit[2] : null;
  }
  return 'malformed';
}

function inRange(value: bigint, base: bigint, bits: number, width: number): boolean {
  const shift = BigInt(width - bits);
  return value >> shift === base >> shift;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v4 = ipv4ToNumber(quad[1]);
    text = text.slice(0, -quad[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) + BigInt(parseInt(group || '0', 16)), 0n);
}
