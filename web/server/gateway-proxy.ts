import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';

/**
 * The browser talks to the gateway through the web app's own origin: `/graphql` (queries,
 * mutations and graphql-ws subscriptions) and `/auth/*` (sign-in) are passed through as they
 * are. One origin means no CORS set-up per deployment and one address to put behind TLS.
 */
const PROXIED_PREFIXES = ['/graphql', '/auth/'];

export function isGatewayPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0];
  return PROXIED_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/** Headers that describe one hop only and must not be forwarded (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

export function proxyHttp(gatewayBase: URL, req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: gatewayBase.host };
  for (const name of HOP_BY_HOP) delete headers[name];
  const send = gatewayBase.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    { protocol: gatewayBase.protocol, hostname: gatewayBase.hostname, port: gatewayBase.port, method: req.method, path: req.url, headers },
    (answer) => {
      const answerHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete answerHeaders[name];
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'The platform is not reachable right now.', extensions: { code: 'GATEWAY_UNREACHABLE' } }] }));
    } else res.destroy();
  });
  req.pipe(upstream);
}

/** A WebSocket upgrade is forwarded byte for byte once the request line and headers are replayed. */
export function proxyUpgrade(gatewayBase: URL, req: IncomingMessage, clientSocket: Duplex, head: Buffer): void {
  const secure = gatewayBase.protocol === 'https:';
  const port = Number(gatewayBase.port || (secure ? 443 : 80));
  const upstream: Socket = secure
    ? tlsConnect({ host: gatewayBase.hostname, port, servername: gatewayBase.hostname })
    : netConnect({ host: gatewayBase.hostname, port });
  upstream.once(secure ? 'secureConnect' : 'connect', () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? gatewayBase.host : req.rawHeaders[i + 1]}`);
    }
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(clientSocket).pipe(upstream);
  });
  const closeBoth = () => {
    upstream.destroy();
    clientSocket.destroy();
  };
  upstream.on('error', closeBoth);
  clientSocket.on('error', closeBoth);
  upstream.on('close', () => clientSocket.destroy());
  clientSocket.on('close', () => upstream.destroy());
}
