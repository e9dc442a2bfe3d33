// A small load balancer for tests: each request goes to the next backend in turn, its response streamed back as it comes.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** e.g. http://127.0.0.1:40123/mcp */
  endpoint: string;
  /** Which backend (index) answered each request, in arrival order, with the request's method. */
  readonly routed: ReadonlyArray<{ backend: number; method: string }>;
  close(): Promise<void>;
}

/** `backends` are MCP endpoints (http://host:port/mcp); the proxy sends Host as the backend's own, as most balancers do. */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((backend) => new URL(backend));
  const routed: Array<{ backend: number; method: string }> = [];
  let next = 0;
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const backend = next;
    next = (next + 1) % targets.length;
    const target = targets[backend] as URL;
    routed.push({ backend, method: incoming.method ?? 'GET' });
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    // A client that leaves mid-stream ends the upstream request too.
    outgoing.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/mcp`,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
