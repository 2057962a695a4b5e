import { forbiddenRange, UrlGuard, UrlRefusedError } from './url-guard';

/** A resolver that answers from a table, so the tests need no DNS. */
const fakeDns = (table: Record<string, string[]>) => async (host: string) => {
  const found = table[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

const dns = fakeDns({
  'agent.example.com': ['93.184.216.34'],
  'sneaky.example.com': ['93.184.216.34', '10.1.2.3'],
  'localhost': ['127.0.0.1', '::1'],
  'rebind.example.com': ['169.254.169.254'],
});

const refusal = async (guard: UrlGuard, url: string, options = {}) => {
  try {
    await guard.assertAllowed(new URL(url), options);
  } catch (error) {
    expect(error).toBeInstanceOf(UrlRefusedError);
    return (error as Error).message;
  }
  return null;
};

describe('forbiddenRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a00:1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(forbiddenRange(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '64:ff9b::8.8.8.8', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenRange(address)).toBeNull();
    },
  );
});

describe('UrlGuard', () => {
  const guard = new UrlGuard([], dns);

  it('allows a public host', async () => {
    expect(await refusal(guard, 'https://agent.example.com/webhook')).toBeNull();
  });

  it('refuses private, loopback and link-local targets, by address and by name', async () => {
    expect(await refusal(guard, 'http://10.0.0.5/hook')).toMatch(/10\.0\.0\.5 is a private address/);
    expect(await refusal(guard, 'http://[::1]:8080/hook')).toMatch(/loopback/);
    expect(await refusal(guard, 'http://localhost:5005')).toMatch(/localhost resolves to 127\.0\.0\.1/);
    expect(await refusal(guard, 'http://169.254.169.254/latest/meta-data')).toMatch(/link-local/);
    expect(await refusal(guard, 'http://metadata.google.internal/computeMetadata')).toMatch(/metadata host/);
    expect(await refusal(guard, 'http://0.0.0.0:80')).toMatch(/unspecified/);
  });

  it('refuses a host when any of its addresses is private', async () => {
    expect(await refusal(guard, 'https://sneaky.example.com')).toMatch(/10\.1\.2\.3/);
  });

  it('refuses other schemes', async () => {
    expect(await refusal(guard, 'ftp://agent.example.com/')).toMatch(/only http and https/);
  });

  it('refuses an unresolvable host at call time but lets it be saved', async () => {
    expect(await refusal(guard, 'https://nowhere.example.com')).toMatch(/could not be resolved \(ENOTFOUND\)/);
    expect(await refusal(guard, 'https://nowhere.example.com', { allowUnresolved: true })).toBeNull();
  });

  it('admits what the allow-list names: a host, a host with its port, an IP', async () => {
    const allowing = new UrlGuard(['localhost:5005', '10.0.0.7', '[::1]:8080'], dns);
    expect(await refusal(allowing, 'http://localhost:5005/webhooks/rest/webhook')).toBeNull();
    expect(await refusal(allowing, 'http://localhost:6000/')).toMatch(/loopback/); // another port is not named
    expect(await refusal(allowing, 'http://10.0.0.7/hook')).toBeNull();
    expect(await refusal(allowing, 'http://10.0.0.8/hook')).toMatch(/private/);
    expect(await refusal(allowing, 'http://[::1]:8080/')).toBeNull();
  });

  it('checks again when the connection resolves the name (DNS rebinding)', async () => {
    const lookup = guard.lookupFor(new URL('http://rebind.example.com/'));
    const result = await new Promise<{ error: unknown; address: unknown }>((resolve) =>
      lookup('rebind.example.com', { all: true }, (error: unknown, address: unknown) => resolve({ error, address })),
    );
    expect(result.error).toBeInstanceOf(UrlRefusedError);
    const ok = await new Promise<{ error: unknown; address: unknown }>((resolve) =>
      guard.lookupFor(new URL('http://agent.example.com/'))('agent.example.com', { all: true }, (error: unknown, address: unknown) =>
        resolve({ error, address }),
      ),
    );
    expect(ok).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }] });
  });
});
